package io.streamdesk.kb.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.kb.index.IndexerConfig;
import io.streamdesk.kb.index.KnowledgeBaseIndexer;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.index.lucene.LuceneIndexConfig;
import io.streamdesk.knowledge.index.lucene.LuceneVectorIndex;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.schemas.events.DocumentOperation;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.KnowledgeDocumentIndexed;
import io.streamdesk.schemas.events.KnowledgeDocumentSubmitted;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cs.kb.documents consumer on a real (embedded KRaft) broker, with the real Lucene index and
 * English encoder: every command gets exactly one event, bad ones a FAILED event, and offsets are
 * committed once the events are written.
 */
class KnowledgeDocumentConsumerIT {

  @RegisterExtension
  static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.withCatalogue();

  private static final String GROUP = "kb-indexer-it";

  @TempDir static Path indexDir;
  @TempDir static Path files;
  @TempDir static Path outside;

  private static LanguageRouter router;
  private static LuceneVectorIndex index;
  private static AvroTopicSerdes serdes;
  private static KnowledgeDocumentConsumer consumer;
  private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private static Thread loop;
  private static final List<KnowledgeDocumentIndexed> events = new CopyOnWriteArrayList<>();
  private static final List<ProcessingFailed> deadLetters = new CopyOnWriteArrayList<>();
  private static Thread reader;
  private static volatile boolean reading = true;

  @BeforeAll
  static void startTheConsumer() {
    router = LanguageRouter.withOnnxModels(RoutingConfig.defaults(), EncoderConfig.defaults());
    index = LuceneVectorIndex.open(LuceneIndexConfig.at(indexDir));
    serdes = AvroTopicSerdes.create(RegistryConfig.mock("kb-indexer-it"));
    Topics topics = KAFKA.topics();
    KbConsumerConfig config =
        KbConsumerConfig.defaults().withGroupId(GROUP).withFileRoots(List.of(files));
    var handler =
        new KnowledgeDocumentHandler(
            new KnowledgeBaseIndexer(index, router, IndexerConfig.defaults()),
            new DocumentFetcher(config),
            topics.kbDocuments().name(),
            Clock.systemUTC());
    consumer =
        new KnowledgeDocumentConsumer(
            KAFKA.broker().clientProperties(), config, topics, serdes, handler, meters);
    loop = Thread.ofPlatform().name("kb-consumer-under-test").start(consumer);
    reader =
        Thread.ofPlatform()
            .name("kb-events-reader")
            .start(KnowledgeDocumentConsumerIT::readOutputs);
  }

  @AfterAll
  static void stop() throws Exception {
    consumer.close();
    reading = false;
    reader.join(10_000);
    index.close();
    router.close();
    serdes.close();
  }

  @Test
  void shouldAnswerEveryCommandWithOneEventAndCommitAfterwards() throws Exception {
    // Given a file inside the allowed folder, one outside it, and a stream of commands
    Path policy =
        Files.writeString(
            files.resolve("invoices.md"),
            "# Invoices\n\nElectronic invoices arrive within 48 hours of delivery.\n");
    Path secret = Files.writeString(outside.resolve("secret.txt"), "not for the index");
    byte[] faq =
        "question,answer\nHow do I reset my password?,Use Forgot password on the login page.\n"
            .getBytes(StandardCharsets.UTF_8);

    send(upsert("faq-1").setContent(ByteBuffer.wrap(faq)).setContentType("text/csv").build());
    send(upsert("faq-1").setContent(ByteBuffer.wrap(faq)).setContentType("text/csv").build());
    send(upsert("policy-1").setUri(policy.toUri().toString()).build());
    send(upsert("secret-1").setUri(secret.toUri().toString()).build());
    send(
        upsert("pdf-1")
            .setContent(ByteBuffer.wrap("%PDF-1.7 broken".getBytes(StandardCharsets.US_ASCII)))
            .setContentType("application/pdf")
            .build());
    send(
        upsert("hash-1")
            .setContent(ByteBuffer.wrap(faq))
            .setContentType("text/csv")
            .setContentHash("00ff")
            .build());
    sendRaw("poison-1", new byte[] {0, 0, 0, 0, 42, 1, 2, 3});
    send(
        KnowledgeDocumentSubmitted.newBuilder()
            .setDocumentId("faq-1")
            .setOperation(DocumentOperation.DELETE)
            .setSubmittedAt(Instant.now())
            .build());

    // When the consumer has answered all eight
    await().atMost(Duration.ofMinutes(2)).until(() -> events.size() >= 8);

    // Then each command got its outcome, in order
    assertThat(events).hasSize(8);
    assertThat(events)
        .extracting(e -> e.getDocumentId() + ":" + e.getStatus())
        .containsExactly(
            "faq-1:INDEXED",
            "faq-1:UNCHANGED",
            "policy-1:INDEXED",
            "secret-1:FAILED",
            "pdf-1:FAILED",
            "hash-1:FAILED",
            "poison-1:FAILED",
            "faq-1:DELETED");
    KnowledgeDocumentIndexed indexed = events.get(0);
    assertThat(indexed.getChunkCount()).isEqualTo(1);
    assertThat(indexed.getKbVersion()).isEqualTo(1);
    assertThat(indexed.getLanguage()).isEqualTo("en");
    assertThat(indexed.getContentHash()).hasSize(64);
    assertThat(events.get(1).getKbVersion()).isEqualTo(1);
    assertThat(events.get(2).getKbVersion()).isEqualTo(2);
    assertThat(events.get(2).getSource()).isEqualTo(policy.toUri().toString());
    assertThat(events.get(3).getError()).contains("outside the allowed folders");
    assertThat(events.get(4).getError()).contains("PDF");
    assertThat(events.get(5).getError()).contains("content hash mismatch");
    assertThat(events.get(6).getError()).contains("unreadable command");
    assertThat(events.get(7).getKbVersion()).isEqualTo(3);
    assertThat(index.documents()).containsOnlyKeys("policy-1");

    // And the unreadable record is parked on the dead-letter topic with its raw bytes
    await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.isEmpty());
    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getStage()).isEqualTo("kb-indexer");
              assertThat(d.getKind()).isEqualTo(FailureKind.DESERIALIZATION);
            });

    // And the outcomes and the dead letter are counted
    assertThat(meters.get("streamdesk.stage.messages").tag("outcome", "failed").counter().count())
        .isEqualTo(4);
    assertThat(meters.get("streamdesk.stage.messages").tag("outcome", "indexed").counter().count())
        .isEqualTo(2);
    assertThat(
            meters.get("streamdesk.dlq.records").tag("kind", "DESERIALIZATION").counter().count())
        .isEqualTo(1);
    assertThat(meters.get("streamdesk.stage.latency").tag("stage", "index").timer().count())
        .isEqualTo(7);

    // And the group's committed offset covers every command
    await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset() == 8);
    assertThat(consumer.isRunning()).isTrue();
  }

  private static KnowledgeDocumentSubmitted.Builder upsert(String id) {
    return KnowledgeDocumentSubmitted.newBuilder()
        .setDocumentId(id)
        .setOperation(DocumentOperation.UPSERT)
        .setSubmittedAt(Instant.now());
  }

  private static void send(KnowledgeDocumentSubmitted command) throws Exception {
    var topic = KAFKA.topics().kbDocuments();
    try (var producer =
        new KafkaProducer<>(
            KAFKA.broker().clientProperties(),
            new StringSerializer(),
            serdes.valueSerde(topic).serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), command.getDocumentId(), command)).get();
    }
  }

  private static void sendRaw(String key, byte[] value) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            KAFKA.broker().clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(KAFKA.topics().kbDocuments().name(), key, value)).get();
    }
  }

  private static long committedOffset() throws Exception {
    try (Admin admin = KAFKA.broker().admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
      OffsetAndMetadata o = offsets.get(new TopicPartition(KAFKA.topics().kbDocuments().name(), 0));
      return o == null ? -1 : o.offset();
    }
  }

  private static void readOutputs() {
    Topics topics = KAFKA.topics();
    Map<String, Object> props = new HashMap<>(KAFKA.broker().clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "kb-events-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    var eventSerde = serdes.valueSerde(topics.kbEvents()).deserializer();
    var dlqSerde = serdes.valueSerde(topics.dlq()).deserializer();
    try (var reader =
        new KafkaConsumer<>(
            props,
            new StringDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      reader.subscribe(List.of(topics.kbEvents().name(), topics.dlq().name()));
      while (reading) {
        for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
          if (r.topic().equals(topics.kbEvents().name())) {
            events.add(eventSerde.deserialize(r.topic(), r.value()));
          } else {
            deadLetters.add(dlqSerde.deserialize(r.topic(), r.value()));
          }
        }
      }
    }
  }
}
