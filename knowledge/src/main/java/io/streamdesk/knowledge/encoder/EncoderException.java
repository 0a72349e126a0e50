package io.streamdesk.knowledge.encoder;

/** A model could not be found, loaded or run. The message names the model and the reason. */
public class EncoderException extends RuntimeException {

  public EncoderException(String message) {
    super(message);
  }

  public EncoderException(String message, Throwable cause) {
    super(message, cause);
  }
}
