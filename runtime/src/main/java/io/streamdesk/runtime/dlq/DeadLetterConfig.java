package io.streamdesk.runtime.dlq;

import io.streamdesk.schemas.registry.RegistryConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a dead-letter handler needs, read from the Kafka Streams config map (Streams instantiates
 * handlers from class names and hands them that map in {@code configure}): the stage name, the
 * dead-letter topic and the schema-registry keys ({@code schema.registry.url}, ...).
 *
 * @param stage the stage name written into every ProcessingFailed, e.g. intent-stream
 * @param topic the dead-letter topic, e.g. {@code cs.dlq} (with the catalogue's prefix)
 * @param registry where ProcessingFailed's schema is registered
 */
public record DeadLetterConfig(String stage, String topic, RegistryConfig registry) {

  /** Config key of the stage name. */
  public static final String STAGE = "streamdesk.dlq.stage";

  /** Config key of the dead-letter topic. */
  public static final String TOPIC = "streamdesk.dlq.topic";

  /**
   * Config key of an optional Micrometer {@code MeterRegistry} object (not a string) that counts
   * dead letters; the StreamsRunner puts its registry here.
   */
  public static final String METER_REGISTRY = "streamdesk.dlq.meter-registry";

  public DeadLetterConfig {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(registry, "registry");
  }

  /**
   * Reads the keys from a config map.
   *
   * @throws IllegalArgumentException naming every missing key
   */
  public static DeadLetterConfig fromConfigs(Map<String, ?> configs) {
    Object stage = configs.get(STAGE);
    Object topic = configs.get(TOPIC);
    StringBuilder missing = new StringBuilder();
    if (stage == null || stage.toString().isBlank()) {
      missing.append(' ').append(STAGE);
    }
    if (topic == null || topic.toString().isBlank()) {
      missing.append(' ').append(TOPIC);
    }
    if (configs.get(RegistryConfig.URL) == null) {
      missing.append(' ').append(RegistryConfig.URL);
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "dead-letter handlers need these Streams configs:" + missing);
    }
    return new DeadLetterConfig(
        stage.toString(), topic.toString(), RegistryConfig.fromProperties(configs));
  }

  /** The entries a Streams config map needs for the handlers, registry keys included. */
  public Map<String, Object> toConfigs() {
    Map<String, Object> configs = new HashMap<>(registry.toProperties());
    configs.put(STAGE, stage);
    configs.put(TOPIC, topic);
    return configs;
  }
}
