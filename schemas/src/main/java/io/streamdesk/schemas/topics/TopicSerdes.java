package io.streamdesk.schemas.topics;

import org.apache.kafka.common.serialization.Serde;

/**
 * Turns topic descriptors into serdes. Implementations hold the schema-registry client and its
 * caches; create one per application from its registry configuration and pass it where serdes are
 * needed.
 */
public interface TopicSerdes {

  /** Serde for the topic's keys. */
  <K> Serde<K> keySerde(Topic<K, ?> topic);

  /** Serde for the topic's values in the Confluent wire format. */
  <V> Serde<V> valueSerde(Topic<?, V> topic);
}
