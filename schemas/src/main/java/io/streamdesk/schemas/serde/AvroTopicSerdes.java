package io.streamdesk.schemas.serde;

import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.registry.SchemaRegistryClient;
import io.streamdesk.schemas.registry.SchemaRegistryClients;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes for catalogue topics: String keys, Avro values in the Confluent wire format against one
 * registry client. Create one per application from its {@link RegistryConfig}; serdes are cached
 * per topic name and safe to share between threads.
 */
public final class AvroTopicSerdes implements TopicSerdes, AutoCloseable {

  private final RegistryConfig config;
  private final SchemaRegistryClient registry;
  private final Map<String, Serde<?>> valueSerdes = new ConcurrentHashMap<>();

  private AvroTopicSerdes(RegistryConfig config, SchemaRegistryClient registry) {
    this.config = config;
    this.registry = registry;
  }

  /** Serdes backed by the registry {@code config} names (mock:// or http(s)://). */
  public static AvroTopicSerdes create(RegistryConfig config) {
    return new AvroTopicSerdes(config, SchemaRegistryClients.create(config));
  }

  public RegistryConfig config() {
    return config;
  }

  public SchemaRegistryClient registry() {
    return registry;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K> Serde<K> keySerde(Topic<K, ?> topic) {
    if (topic.keyType() != String.class) {
      throw new IllegalArgumentException(
          topic.name() + ": only String keys are supported, got " + topic.keyType().getName());
    }
    return (Serde<K>) Serdes.String();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> Serde<V> valueSerde(Topic<?, V> topic) {
    return (Serde<V>)
        valueSerdes.computeIfAbsent(
            topic.name(),
            name -> new AvroSerde<>(registry, topic.valueSchema(), config.autoRegister()));
  }

  @Override
  public void close() {
    registry.close();
  }
}
