package io.streamdesk.generation.worker;

import static org.awaitility.Awaitility.await;

import io.streamdesk.schemas.registry.SchemaRegistryClient;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/** Producing to and reading from a real broker in integration tests. */
final class Broker {

  private final String bootstrapServers;

  Broker(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  <V> void send(Topic<String, V> topic, Serializer<V> values, String key, V value) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(props, new StringSerializer(), values)) {
      producer.send(new ProducerRecord<>(topic.name(), key, value));
    }
  }

  void sendRaw(String topic, String key, byte[] value) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }
  }

  /** Waits until {@code count} committed records of the topic satisfy {@code wanted}. */
  <V> List<ConsumerRecord<String, V>> awaitCommitted(
      Topic<String, V> topic,
      Deserializer<V> values,
      java.util.function.Predicate<V> wanted,
      int count,
      Duration atMost) {
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = consumer(values, "read_committed")) {
      consumer.subscribe(List.of(topic.name()));
      await()
          .atMost(atMost)
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (wanted.test(r.value())) {
                            out.add(r);
                          }
                        });
                return out.size() >= count;
              });
    }
    return out;
  }

  /** Every record of the topic up to its end, as the given isolation level sees it. */
  <V> List<ConsumerRecord<String, V>> readAll(
      Topic<String, V> topic, Deserializer<V> values, String isolation) {
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = consumer(values, isolation)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic.name())
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
              });
    }
    return out;
  }

  <V> KafkaConsumer<String, V> consumer(Deserializer<V> values, String isolation) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new StringDeserializer(), values);
  }

  /** The partition the default partitioner gives {@code key} among {@code partitions}. */
  static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /**
   * Registers every catalogue value schema in catalogue order. The in-process {@code mock://}
   * registry numbers schemas in the order they are first registered, so two JVMs that both do this
   * first agree on every schema id: the takeover test's worker process writes records this JVM
   * reads.
   */
  static void registerCatalogue(SchemaRegistryClient registry, Topics topics) {
    for (Topic<?, ?> topic : topics.all()) {
      registry.register(topic.valueSubject(), topic.valueSchema());
    }
  }
}
