package io.streamdesk.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.dlq.DemoTopologies;
import io.streamdesk.runtime.ops.OpsServer;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.testkit.DlqAssert;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import io.streamdesk.testkit.Events;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The runner and the dead-letter handlers on a real broker, under exactly_once_v2. */
class StreamsRunnerIT {

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withCatalogue();

  private static final String SCOPE = "runner-it-" + UUID.randomUUID();
  private static AvroTopicSerdes serdes;

  @TempDir static Path stateDir;

  @BeforeAll
  static void serdes() {
    serdes = AvroTopicSerdes.create(settings().registryConfig());
  }

  @AfterAll
  static void dropRegistry() {
    serdes.close();
    InMemorySchemaRegistry.drop(SCOPE);
  }

  @Test
  void shouldParkPoisonRecordsExactlyOnceAndKeepProcessing() throws Exception {
    // Given the demo topology running on the broker with an ops endpoint
    Topics topics = kafka.topics();
    try (OpsServer ops = OpsServer.start(0);
        StreamsRunner runner =
            StreamsRunner.builder(DemoTopologies.STAGE, DemoTopologies.classifier(topics, serdes))
                .kafka(settings())
                .settings(StreamsSettings.defaults().withStateDir(stateDir))
                .ops(ops)
                .build()
                .start()) {
      assertThat(runner.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(ops.health().components().get(DemoTopologies.STAGE).isUp()).isTrue();

      // When a non-Avro record, one with an unknown schema id and a good one arrive
      byte[] notAvro = "plain text".getBytes(StandardCharsets.UTF_8);
      byte[] unknownId = {0, 0, 0, 0x7f, (byte) 0xfe, 1, 2};
      produceRaw(topics.messagesInbound(), "c-1", notAvro);
      produceRaw(topics.messagesInbound(), "c-2", unknownId);
      CustomerMessageReceived good = Events.customerMessage("c-3", "m-3", "hello");
      produceRaw(
          topics.messagesInbound(),
          "c-3",
          serdes
              .valueSerde(topics.messagesInbound())
              .serializer()
              .serialize(topics.messagesInbound().name(), good));

      // Then the good one is processed and both poison records are in the DLQ, committed, with
      // their raw bytes
      List<MessageClassified> classified =
          readCommitted(
              topics.messagesClassified(),
              serdes.valueSerde(topics.messagesClassified()).deserializer(),
              1);
      assertThat(classified).extracting(MessageClassified::getMessageId).containsExactly("m-3");
      List<ProcessingFailed> deadLetters =
          readCommitted(topics.dlq(), serdes.valueSerde(topics.dlq()).deserializer(), 2);
      DlqAssert.assertThat(deadLetters)
          .hasSize(2)
          .hasFailure(DemoTopologies.STAGE, FailureKind.DESERIALIZATION)
          .hasFailureOf("UnknownMagicByteException")
          .hasFailureOf("UnknownSchemaIdException")
          .containsRawValue(notAvro)
          .containsRawValue(unknownId);
      assertThat(deadLetters)
          .extracting(ProcessingFailed::getRawKey)
          .containsExactlyInAnyOrder(
              ByteBuffer.wrap("c-1".getBytes(StandardCharsets.UTF_8)),
              ByteBuffer.wrap("c-2".getBytes(StandardCharsets.UTF_8)));

      // and the ops endpoint serves the Streams metrics
      String metrics = scrape(ops.uri().resolve("/metrics"));
      assertThat(metrics).contains("kafka_stream_thread_").contains("application=\"demo-stream\"");
      // and the handlers counted the dead letters in the runner's registry
      assertThat(metrics)
          .contains(
              "streamdesk_dlq_records_total{kind=\"DESERIALIZATION\",service=\"demo-stream\","
                  + "stage=\"demo-stream\"} 2.0");
    }
  }

  @Test
  void shouldFailToStartWhenASourceTopicIsMissing() {
    // Given a topology reading a topic that does not exist
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("no-such-topic-" + UUID.randomUUID(), Consumed.as("read-missing"));
    StreamsRunner runner =
        StreamsRunner.builder("missing-source", builder.build())
            .kafka(settings())
            .settings(
                StreamsSettings.defaults()
                    .withStateDir(stateDir)
                    .withStartTimeout(Duration.ofSeconds(20)))
            .build();

    // When / Then start fails with the reason instead of hanging
    assertThatThrownBy(runner::start)
        .isInstanceOf(StreamsStartException.class)
        .hasMessageContaining("missing-source");
    assertThat(runner.healthCheck().check().isUp()).isFalse();
  }

  private static KafkaSettings settings() {
    return KafkaSettings.of(kafka.bootstrapServers(), "mock://" + SCOPE)
        .withTopics(kafka.topics().settings());
  }

  private static void produceRaw(Topic<?, ?> topic, String key, byte[] value) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), value));
    }
  }

  private static <V> List<V> readCommitted(
      Topic<String, V> topic, Deserializer<V> values, int count) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic.name()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                  out.add(r.value());
                }
                return out.size() >= count;
              });
    }
    return out;
  }

  private static String scrape(URI uri) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
