package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.ops.OpsServer;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.ServiceHost;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.testkit.DlqAssert;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import io.streamdesk.testkit.Events;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intent-stream service end to end on an embedded broker, exactly-once: found by name through
 * the service SPI, started with the bundled intents trained at start-up, read back with
 * read_committed consumers; then restarted on an empty state directory.
 */
class IntentStreamIT {

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withCatalogue();

  @TempDir Path stateDir;
  @TempDir Path restartStateDir;
  @TempDir Path modelCache;

  private final String scope = "intent-it-" + UUID.randomUUID();

  @Test
  void shouldClassifyHandOffAndParkMessagesThenResumeAfterARestart() throws Exception {
    Configuration configuration = configuration(stateDir);
    KafkaSettings settings = KafkaSettings.load(configuration);
    Topics topics = settings.topics();
    ServiceFactory factory = ServiceFactory.named(IntentTopology.SERVICE).orElseThrow();
    try (AvroTopicSerdes serdes = AvroTopicSerdes.create(settings.registryConfig())) {
      // Given the service started as ./cs service intent-stream starts it
      try (OpsServer ops = OpsServer.start(0);
          ServiceHost host = host(ops, configuration, settings, serdes)) {
        host.start(factory);
        assertThat(ops.health().components())
            .containsKeys("intent-stream.streams", "intent-stream.classifier");
        assertThat(ops.health().components().get("intent-stream.classifier").isUp()).isTrue();

        // When a Chinese and an English question, a request for a human and a poison arrive
        send(topics, serdes, Events.customerMessage("c-zh", "m-1", "我的订单到哪了？还没收到货"));
        send(
            topics,
            serdes,
            Events.customerMessage(
                "c-en", "m-2", "I can't log in to the app, it says my password is wrong"));
        send(
            topics,
            serdes,
            Events.customerMessage("c-en", "m-3", "Please let me talk to a real person"));
        sendRaw(topics.messagesInbound(), "c-x", "garbage".getBytes(StandardCharsets.UTF_8));

        // Then each message is classified once, the request handed off, the poison parked
        List<MessageClassified> classified = classified(topics, serdes, 3);
        assertThat(classified)
            .extracting(MessageClassified::getMessageId)
            .containsExactly("m-1", "m-2", "m-3");
        assertThat(classified)
            .extracting(MessageClassified::getLanguage)
            .containsExactly("zh", "en", "en");
        assertThat(classified)
            .extracting(MessageClassified::getIntent)
            .containsExactly("order_status", "technical_support", "human_agent");
        assertThat(classified.get(0).getEmbeddingModel()).isEqualTo("bge-small-zh-v15-q");
        assertThat(classified.get(2).getHandoffReason()).isEqualTo(HandoffReason.USER_REQUEST);
        List<HandoffRequested> handoffs = handoffs(topics, serdes, 1);
        assertThat(handoffs)
            .singleElement()
            .satisfies(
                h -> {
                  assertThat(h.getMessageId()).isEqualTo("m-3");
                  assertThat(h.getReason()).isEqualTo(HandoffReason.USER_REQUEST);
                  assertThat(h.getLastTurns())
                      .extracting(Turn::getMessageId)
                      .containsExactly("m-2", "m-3");
                });
        List<ProcessingFailed> dead =
            readCommitted(topics.dlq(), serdes.valueSerde(topics.dlq()).deserializer(), 1);
        DlqAssert.assertThat(dead)
            .hasSize(1)
            .hasFailure(IntentTopology.SERVICE, FailureKind.DESERIALIZATION);
      }

      // When it restarts on an empty state directory (its memory restored from the changelog,
      // the classifier reused from the cache) and the customer asks for a human again
      try (OpsServer ops = OpsServer.start(0);
          ServiceHost host = host(ops, configuration(restartStateDir), settings, serdes)) {
        host.start(factory);
        send(topics, serdes, Events.customerMessage("c-en", "m-4", "Transfer me to an agent now"));

        // Then nothing is processed twice and the handoff carries the turns from before
        assertThat(classified(topics, serdes, 4))
            .extracting(MessageClassified::getMessageId)
            .containsExactly("m-1", "m-2", "m-3", "m-4");
        List<HandoffRequested> handoffs = handoffs(topics, serdes, 2);
        assertThat(handoffs)
            .extracting(HandoffRequested::getMessageId)
            .containsExactly("m-3", "m-4");
        assertThat(handoffs.get(1).getLastTurns())
            .extracting(Turn::getMessageId)
            .containsExactly("m-2", "m-3", "m-4");
      }
    } finally {
      InMemorySchemaRegistry.drop(scope);
    }
  }

  private Configuration configuration(Path state) {
    return Configuration.of(
        Map.of(
            "kafka.bootstrap.servers",
            kafka.bootstrapServers(),
            "schema.registry.url",
            "mock://" + scope,
            "topic.partitions",
            "1",
            "streams.state.dir",
            state.toString(),
            "streams.start.timeout",
            "120s",
            "intent.models.cache.dir",
            modelCache.toString(),
            // Streams does not leave the group on close: the restarted instance waits out the
            // old member's session, 45 s by default.
            "streams.config.consumer.session.timeout.ms",
            "6000"));
  }

  private static ServiceHost host(
      OpsServer ops, Configuration configuration, KafkaSettings settings, AvroTopicSerdes serdes) {
    return new ServiceHost(
        ops, ServiceContext.of(configuration, settings, serdes, new SimpleMeterRegistry()));
  }

  private static List<MessageClassified> classified(Topics topics, AvroTopicSerdes serdes, int n) {
    return readCommitted(
        topics.messagesClassified(),
        serdes.valueSerde(topics.messagesClassified()).deserializer(),
        n);
  }

  private static List<HandoffRequested> handoffs(Topics topics, AvroTopicSerdes serdes, int n) {
    return readCommitted(topics.handoffs(), serdes.valueSerde(topics.handoffs()).deserializer(), n);
  }

  private static void send(Topics topics, AvroTopicSerdes serdes, CustomerMessageReceived message) {
    Topic<String, CustomerMessageReceived> inbound = topics.messagesInbound();
    sendRaw(
        inbound,
        message.getConversationId(),
        serdes.valueSerde(inbound).serializer().serialize(inbound.name(), message));
  }

  private static void sendRaw(Topic<?, ?> topic, String key, byte[] value) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            kafka.broker().clientProperties(),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), value));
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
          .atMost(Duration.ofSeconds(180))
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
