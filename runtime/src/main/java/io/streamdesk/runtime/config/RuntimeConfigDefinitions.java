package io.streamdesk.runtime.config;

import io.streamdesk.runtime.ops.OpsSettings;
import io.streamdesk.runtime.streams.StreamsSettings;

/**
 * Contributes the shared Kafka, Kafka Streams and ops-endpoint settings to the configuration
 * reference.
 */
public final class RuntimeConfigDefinitions {

  private RuntimeConfigDefinitions() {}

  /** The shared {@link KafkaSettings} keys. */
  public static final class Kafka implements ConfigDefinitionProvider {
    @Override
    public ConfigDefinition definition() {
      return KafkaSettings.DEFINITION;
    }
  }

  /** The shared {@link StreamsSettings} keys. */
  public static final class Streams implements ConfigDefinitionProvider {
    @Override
    public ConfigDefinition definition() {
      return StreamsSettings.DEFINITION;
    }
  }

  /** The shared {@link OpsSettings} keys: every service's health and metrics endpoint. */
  public static final class Ops implements ConfigDefinitionProvider {
    @Override
    public ConfigDefinition definition() {
      return OpsSettings.DEFINITION;
    }
  }
}
