package io.streamdesk.runtime.kafka;

/** The embedded broker could not be formatted or started. */
public class EmbeddedKafkaException extends RuntimeException {

  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
