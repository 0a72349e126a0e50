package io.streamdesk.schemas.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * An immutable, typed description of one Kafka topic: its name, key and value types, the Avro
 * schema of its values, and how it is created (partitions, replication, cleanup, retention).
 *
 * <p>Descriptors carry no serdes: a {@link TopicSerdes} built from the registry configuration turns
 * a descriptor into serdes, so no serde is ever global or mutable.
 *
 * @param name full topic name, prefix included
 * @param keyType Java type of the key (String for every StreamDesk topic)
 * @param valueType Java type of the value (a generated SpecificRecord, or SpecificRecord for a
 *     topic whose value schema is a union of records)
 * @param valueSchema Avro schema registered under the topic's value subject
 * @param partitions partition count the topic is created with
 * @param replicationFactor replication factor the topic is created with
 * @param cleanupPolicy delete or compact
 * @param retention how long records are kept; {@code null} keeps them forever
 * @param description one line on what the topic carries, for docs and the topic report
 */
public record Topic<K, V>(
    String name,
    Class<K> keyType,
    Class<V> valueType,
    Schema valueSchema,
    int partitions,
    short replicationFactor,
    CleanupPolicy cleanupPolicy,
    Duration retention,
    String description) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(valueSchema, "valueSchema");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(name + ": partitions must be >= 1, got " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          name + ": replication factor must be >= 1, got " + replicationFactor);
    }
  }

  /** The schema-registry subject of the value under TopicNameStrategy. */
  public String valueSubject() {
    return name + "-value";
  }

  /** Topic-level configs the topic is created with (cleanup.policy, retention.ms). */
  public Map<String, String> configs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", cleanupPolicy.configValue());
    if (cleanupPolicy == CleanupPolicy.DELETE) {
      configs.put("retention.ms", retention == null ? "-1" : Long.toString(retention.toMillis()));
    }
    return configs;
  }
}
