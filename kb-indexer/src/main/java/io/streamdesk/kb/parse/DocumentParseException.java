package io.streamdesk.kb.parse;

/**
 * A document could not be read: corrupt, encrypted, empty, or not in a shape the parser accepts.
 * The message is the reason, written for the person who owns the file (the file name is added by
 * whoever reports it).
 */
public class DocumentParseException extends Exception {

  public DocumentParseException(String reason) {
    super(reason);
  }

  public DocumentParseException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
