package io.streamdesk.knowledge.index;

/** The index store failed (I/O, server unreachable, corrupt data); the message says which. */
public class IndexException extends RuntimeException {

  public IndexException(String message, Throwable cause) {
    super(message, cause);
  }

  public IndexException(String message) {
    super(message);
  }
}
