package io.streamdesk.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka =
      EmbeddedKafkaExtension.withTopics(new TopicSettings("it.", 2, (short) 1));

  @Test
  void shouldCreateTheCatalogueTopicsOnStart() throws Exception {
    // Given a broker started with the catalogue
    // When listing its topics
    Set<String> names;
    try (Admin admin = kafka.broker().admin()) {
      names = admin.listTopics().names().get();
    }
    // Then every catalogue topic is there, and the start-up report says it created them
    List<String> catalogue = kafka.topics().all().stream().map(Topic::name).toList();
    assertThat(names).containsAll(catalogue);
    assertThat(kafka.broker().topicReport().orElseThrow().created())
        .containsExactlyInAnyOrderElementsOf(catalogue);
  }

  @Test
  void shouldDeliverProducedRecordsToAConsumer() {
    // Given a record produced to a catalogue topic
    String topic = kafka.topics().messagesInbound().name();
    produce(kafka.bootstrapServers(), topic, "conv-1", "hello", Map.of());

    // When a consumer reads the topic from the start
    List<ConsumerRecord<String, String>> records =
        consume(kafka.bootstrapServers(), topic, "read_uncommitted", 1);

    // Then it gets the record
    assertThat(records).extracting(ConsumerRecord::value).contains("hello");
  }

  @Test
  void shouldHideAbortedTransactionsFromReadCommittedConsumers() throws Exception {
    // Given a fresh topic and a transactional producer (needs the transaction coordinator)
    String topic = "tx-" + UUID.randomUUID();
    try (Admin admin = kafka.broker().admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    Map<String, Object> txProps =
        Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test-" + UUID.randomUUID());
    try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(), txProps)) {
      producer.initTransactions();
      // When one transaction aborts and the next commits
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed"));
      producer.commitTransaction();
    }

    // Then a read_committed consumer sees only the committed record
    List<ConsumerRecord<String, String>> records =
        consume(kafka.bootstrapServers(), topic, "read_committed", 1);
    assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
  }

  @Test
  void shouldKeepTopicsAndRecordsAcrossARestartWithTheSameDataDir(@TempDir Path dataDir) {
    // Given a broker on a kept data directory that received a record
    String topic;
    try (EmbeddedKafkaBroker first =
        EmbeddedKafkaBroker.builder()
            .dataDir(dataDir)
            .topics(kafka.topics())
            .quietLogging(true)
            .start()) {
      topic = kafka.topics().replies().name();
      produce(first.bootstrapServers(), topic, "conv-7", "kept", Map.of());
    }

    // When a new broker starts on the same directory (on other free ports)
    try (EmbeddedKafkaBroker second =
        EmbeddedKafkaBroker.builder().dataDir(dataDir).topics(kafka.topics()).start()) {
      // Then the topics existed already and the record is still there
      assertThat(second.topicReport().orElseThrow().created()).isEmpty();
      assertThat(consume(second.bootstrapServers(), topic, "read_committed", 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("kept");
    }
    assertThat(dataDir)
        .isDirectoryContaining(p -> p.getFileName().toString().equals("meta.properties"));
  }

  @Test
  void shouldDeleteATemporaryDataDirOnClose() {
    // Given a broker without a data directory of its own
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
    Path dataDir = broker.dataDir();
    assertThat(dataDir).isDirectory();

    // When it closes
    broker.close();

    // Then its temporary directory is gone
    assertThat(dataDir).doesNotExist();
  }

  static void produce(
      String bootstrap, String topic, String key, String value, Map<String, Object> extra) {
    try (KafkaProducer<String, String> producer = producer(bootstrap, extra)) {
      producer.send(new ProducerRecord<>(topic, key, value));
      producer.flush();
    }
  }

  static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
    Map<String, Object> props = new java.util.HashMap<>(extra);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaProducer<>(props);
  }

  static List<ConsumerRecord<String, String>> consume(
      String bootstrap, String topic, String isolation, int atLeast) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolation,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
