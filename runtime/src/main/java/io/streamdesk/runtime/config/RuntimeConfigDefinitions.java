package io.streamdesk.runtime.config;

import io.streamdesk.runtime.streams.StreamsSettings;

/** Contributes the shared Kafka and Kafka Streams settings to the configuration reference. */
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
}
