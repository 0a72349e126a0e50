package io.streamdesk.intent.classifier;

/** An intent model that cannot be loaded or used: corrupt, incomplete, or for another encoder. */
public final class IntentModelException extends RuntimeException {

  public IntentModelException(String message) {
    super(message);
  }

  public IntentModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
