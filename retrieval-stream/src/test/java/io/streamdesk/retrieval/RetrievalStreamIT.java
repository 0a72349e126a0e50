package io.streamdesk.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.kb.index.IndexListener;
import io.streamdesk.kb.index.IndexerConfig;
import io.streamdesk.kb.index.KnowledgeBaseIndexer;
import io.streamdesk.kb.sample.SampleKnowledgeBase;
import io.streamdesk.knowledge.encoder.Encoder;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.index.lucene.LuceneIndexConfig;
import io.streamdesk.knowledge.index.lucene.LuceneVectorIndex;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.ops.OpsServer;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.ServiceHost;
import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import io.streamdesk.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrieval-stream service end to end on an embedded broker, exactly-once, over a real index of
 * the packaged sample knowledge base (indexed once per class with the real encoders, which also
 * embed the questions as the intent stream would): a Chinese and an English FAQ question each yield
 * a GenerateReply whose top passage is the right FAQ row.
 */
class RetrievalStreamIT {

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withCatalogue();

  private static Path indexDir;
  private static VectorIndex index;
  private static LanguageRouter router;

  @TempDir Path stateDir;

  private final String scope = "retrieval-it-" + UUID.randomUUID();

  @BeforeAll
  static void indexTheSampleKnowledgeBase() throws Exception {
    indexDir = Files.createTempDirectory("retrieval-it-index-");
    index = LuceneVectorIndex.open(LuceneIndexConfig.at(indexDir));
    router = LanguageRouter.withOnnxModels(RoutingConfig.defaults(), EncoderConfig.defaults());
    SampleKnowledgeBase.indexInto(
        new KnowledgeBaseIndexer(index, router, IndexerConfig.defaults()), new IndexListener() {});
  }

  @AfterAll
  static void close() throws Exception {
    router.close();
    index.close();
    try (Stream<Path> files = Files.walk(indexDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void shouldSendEachFaqQuestionToGenerationWithItsFaqRowFirst() throws Exception {
    Configuration configuration =
        Configuration.of(
            Map.of(
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "schema.registry.url",
                "mock://" + scope,
                "topic.partitions",
                "1",
                "streams.state.dir",
                stateDir.toString(),
                "streams.start.timeout",
                "120s",
                "kb.index.dir",
                indexDir.toString()));
    KafkaSettings settings = KafkaSettings.load(configuration);
    Topics topics = settings.topics();
    try (AvroTopicSerdes serdes = AvroTopicSerdes.create(settings.registryConfig());
        OpsServer ops = OpsServer.start(0)) {
      ServiceContext context =
          ServiceContext.of(configuration, settings, serdes, new SimpleMeterRegistry());
      // The index is the JVM's shared one, as in the local stack (one Lucene writer per folder).
      context.shared(VectorIndex.class, () -> index);
      try (ServiceHost host = new ServiceHost(ops, context)) {
        // Given the service started as ./cs service retrieval-stream starts it
        host.start(ServiceFactory.named(RetrievalTopology.SERVICE).orElseThrow());
        assertThat(ops.health().components())
            .containsKeys("retrieval-stream.streams", "retrieval-stream.knowledge-base");

        // When a Chinese and an English FAQ question arrive, embedded by the routing's models
        send(topics, serdes, classified("c-zh", "m-zh", "zh", "钱已经扣了，订单却还是待付款，怎么回事？"));
        send(
            topics,
            serdes,
            classified(
                "c-en",
                "m-en",
                "en",
                "I typed my password wrong too many times and now I'm locked out"));

        // Then each yields one generation request whose top passage is its FAQ row
        List<GenerateReply> requests =
            readCommitted(
                topics.generationRequests(),
                serdes.valueSerde(topics.generationRequests()).deserializer(),
                2);
        assertThat(requests)
            .extracting(GenerateReply::getMessageId)
            .containsExactly("m-zh", "m-en");
        assertThat(requests.get(0).getPassages().get(0).getId())
            .isEqualTo("sample-kb/zh/faq.csv#zh-faq-012");
        assertThat(requests.get(1).getPassages().get(0).getId())
            .isEqualTo("sample-kb/en/faq.csv#en-faq-043");
        assertThat(requests.get(1).getPassages().get(0).getAnswer()).isNotBlank();
        assertThat(requests)
            .allSatisfy(r -> assertThat(r.getKbVersion()).isEqualTo(index.version()));

        // And both conversations are on cs.conversations
        List<ConversationState> states =
            readCommitted(
                topics.conversations(),
                serdes.valueSerde(topics.conversations()).deserializer(),
                2);
        assertThat(states)
            .extracting(ConversationState::getConversationId)
            .containsExactly("c-zh", "c-en");
      }
    } finally {
      InMemorySchemaRegistry.drop(scope);
    }
  }

  private static MessageClassified classified(
      String conversationId, String messageId, String language, String text) {
    Encoder encoder = router.encoderFor(language);
    List<Float> embedding = new ArrayList<>();
    for (float f : encoder.embed(text)) {
      embedding.add(f);
    }
    return Events.messageClassified()
        .setConversationId(conversationId)
        .setMessageId(messageId)
        .setLanguage(language)
        .setMaskedText(text)
        .setIntent("after_sales")
        .setEmbedding(embedding)
        .setEmbeddingModel(encoder.modelId())
        .build();
  }

  private static void send(Topics topics, AvroTopicSerdes serdes, MessageClassified message) {
    Topic<String, MessageClassified> topic = topics.messagesClassified();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            kafka.broker().clientProperties(),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<>(
              topic.name(),
              message.getConversationId().getBytes(StandardCharsets.UTF_8),
              serdes.valueSerde(topic).serializer().serialize(topic.name(), message)));
    }
  }

  /** Reads until {@code count} records arrived, then one more second: duplicates would show. */
  private static <V> List<V> readCommitted(
      Topic<String, V> topic, Deserializer<V> values, int count) {
    Map<String, Object> props = kafka.broker().clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic.name()));
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () -> {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                  out.add(r.value());
                }
                return out.size() >= count;
              });
      for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofSeconds(1))) {
        out.add(r.value());
      }
    }
    return out;
  }
}
