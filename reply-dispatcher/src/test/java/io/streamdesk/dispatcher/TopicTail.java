package io.streamdesk.dispatcher;

import static org.awaitility.Awaitility.await;

import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything written to one topic so far, read committed from the beginning; each {@link #values()}
 * call reads what arrived since the last one, so Awaitility can poll it.
 */
final class TopicTail<V> implements AutoCloseable {

  private final KafkaConsumer<String, V> consumer;
  private final List<V> values = new ArrayList<>();

  TopicTail(String bootstrapServers, Topic<String, V> topic, TopicSerdes serdes) {
    Deserializer<V> deserializer = serdes.valueSerde(topic).deserializer();
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            deserializer);
    // A topic created a moment ago may not be in the broker's metadata yet.
    List<TopicPartition> partitions =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    consumer.partitionsFor(topic.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList(),
                found -> found.size() == topic.partitions());
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Every value so far, in partition order. */
  synchronized List<V> values() {
    for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(50))) {
      values.add(record.value());
    }
    return List.copyOf(values);
  }

  @Override
  public synchronized void close() {
    consumer.close();
  }
}
