package io.streamdesk.schemas.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Base of every schema-registry failure. It is a Kafka {@link SerializationException}, so a
 * deserialization error handler routes the record to the dead-letter topic.
 */
public class SchemaRegistryException extends SerializationException {

  private static final long serialVersionUID = 1L;

  public SchemaRegistryException(String message) {
    super(message);
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
