package io.streamdesk.intent.classifier;

/**
 * Labelled intent data that cannot be read: the message names the file and, where one applies, the
 * line, so that a bad line in a training file of thousands can be found and fixed.
 */
public final class IntentDataException extends RuntimeException {

  public IntentDataException(String message) {
    super(message);
  }

  public IntentDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
