package io.streamdesk.schemas.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the serdes need. Subjects follow TopicNameStrategy
 * ({@code <topic>-value}); an id names one schema across all subjects, as in every
 * Confluent-compatible registry (Confluent's global ids, Apicurio's content ids, Karapace,
 * Redpanda).
 *
 * <p>Every failure is a {@link SchemaRegistryException} subtype, so Kafka and Kafka Streams treat
 * it as a serialization error.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is
   * already registered).
   *
   * @return the schema's global id
   * @throws IncompatibleSchemaException when the subject's compatibility rule refuses it (HTTP 409)
   */
  int register(String subject, Schema schema);

  /**
   * Looks up the id of a schema already registered under {@code subject}, without registering.
   *
   * @throws SchemaNotRegisteredException when the subject does not hold that schema
   */
  int lookupId(String subject, Schema schema);

  /**
   * Fetches a schema by its global id.
   *
   * @throws UnknownSchemaIdException when no schema has that id
   */
  Schema schemaById(int id);

  /** The latest version registered under {@code subject}, if any. */
  Optional<SubjectVersion> latest(String subject);

  /** Whether {@code schema} may be registered under {@code subject} by its compatibility rule. */
  boolean isCompatible(String subject, Schema schema);

  @Override
  default void close() {}
}
