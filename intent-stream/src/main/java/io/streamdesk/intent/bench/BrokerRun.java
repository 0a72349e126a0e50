package io.streamdesk.intent.bench;

import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.kafka.EmbeddedKafkaBroker;
import io.streamdesk.runtime.streams.StreamsRunner;
import io.streamdesk.runtime.streams.StreamsSettings;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * The real thing in one JVM: an embedded KRaft broker, the inbound messages produced up front, the
 * topology run by the {@link StreamsRunner} (exactly_once_v2, StreamDesk's commit interval and
 * linger), and a read_committed consumer. Timed from RUNNING until the last MessageClassified is
 * visible (committed), so commit latency is included and start-up is not.
 */
final class BrokerRun {

  private BrokerRun() {}

  static RunResult run(
      BiFunction<Topics, AvroTopicSerdes, Topology> topology,
      List<CustomerMessageReceived> messages,
      String service,
      int partitions,
      int threads)
      throws Exception {
    String scope = "intent-bench-" + UUID.randomUUID();
    Topics catalogue = Topics.of(new TopicSettings("", partitions, (short) 1));
    Path stateDir = Files.createTempDirectory("intent-bench-streams-");
    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.builder().topics(catalogue).quietLogging(true).start();
        AvroTopicSerdes serdes =
            AvroTopicSerdes.create(
                KafkaSettings.of("unused:9092", "mock://" + scope).registryConfig())) {
      KafkaSettings kafka =
          KafkaSettings.of(broker.bootstrapServers(), "mock://" + scope)
              .withTopics(catalogue.settings());
      produce(broker, catalogue.messagesInbound(), serdes, messages);
      StreamsSettings settings =
          new StreamsSettings(
              stateDir,
              StreamsSettings.defaults().commitInterval(),
              StreamsSettings.defaults().linger(),
              threads,
              false,
              Duration.ofMinutes(2),
              Duration.ofSeconds(30),
              Map.of());
      try (KafkaConsumer<byte[], byte[]> classified =
              consumer(broker, catalogue.messagesClassified());
          StreamsRunner runner =
              StreamsRunner.builder(service, topology.apply(catalogue, serdes))
                  .kafka(kafka)
                  .settings(settings)
                  .build()) {
        runner.start();
        long start = System.nanoTime();
        int seen = 0;
        long deadline = start + TimeUnit.MINUTES.toNanos(30);
        while (seen < messages.size() && System.nanoTime() < deadline) {
          seen += classified.poll(Duration.ofMillis(20)).count();
        }
        double perSecond = seen / ((System.nanoTime() - start) / 1e9);
        return new RunResult(
            perSecond, seen, drain(broker, catalogue.handoffs()), drain(broker, catalogue.dlq()));
      }
    } finally {
      InMemorySchemaRegistry.drop(scope);
      deleteQuietly(stateDir);
    }
  }

  private static void produce(
      EmbeddedKafkaBroker broker,
      Topic<String, CustomerMessageReceived> topic,
      AvroTopicSerdes serdes,
      List<CustomerMessageReceived> messages) {
    Map<String, Object> props = broker.clientProperties();
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (CustomerMessageReceived m : messages) {
        producer.send(
            new ProducerRecord<>(
                topic.name(),
                m.getConversationId().getBytes(StandardCharsets.UTF_8),
                serdes.valueSerde(topic).serializer().serialize(topic.name(), m)));
      }
      producer.flush();
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(
      EmbeddedKafkaBroker broker, Topic<?, ?> topic) {
    Map<String, Object> props = broker.clientProperties();
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // Assigned, not subscribed: no group join (and its rebalance delay) inside the timed window.
    consumer.assign(
        consumer.partitionsFor(topic.name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList());
    return consumer;
  }

  /** Counts what is committed on a topic now (the run is over, nothing more is coming). */
  private static int drain(EmbeddedKafkaBroker broker, Topic<?, ?> topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(broker, topic)) {
      int count = 0;
      int emptyPolls = 0;
      while (emptyPolls < 5) {
        int n = consumer.poll(Duration.ofMillis(200)).count();
        count += n;
        emptyPolls = n == 0 ? emptyPolls + 1 : 0;
      }
      return count;
    }
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a leftover temp dir is harmless
    }
  }
}
