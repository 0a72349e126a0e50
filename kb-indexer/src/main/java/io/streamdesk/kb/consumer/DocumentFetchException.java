package io.streamdesk.kb.consumer;

/** A submitted document's content could not be had (refused URI, I/O, HTTP error, too large). */
public final class DocumentFetchException extends Exception {

  public DocumentFetchException(String reason) {
    super(reason);
  }

  public DocumentFetchException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
