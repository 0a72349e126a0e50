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
 * The intent-stream service end to end on an embedded broker: found by name through the service
 * SPI, started with the bundled intents trained at start-up, exactly-once, read back with
 * read_committed consumers.
 */
class IntentStreamIT {

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withCatalogue();

  @TempDir Path stateDir;

  @Test
  void shouldClassifyHandOffAndParkMessagesEndToEnd() throws Exception {
    // Given the service started through its factory, as ./cs service intent-stream does
    String scope = "intent-it-" + UUID.randomUUID();
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
                "120s"));
    KafkaSettings settings = KafkaSettings.load(configuration);
    Topics topics = settings.topics();
    ServiceFactory factory = ServiceFactory.named(IntentTopology.SERVICE).orElseThrow();
    try (AvroTopicSerdes serdes = AvroTopicSerdes.create(settings.registryConfig());
        OpsServer ops = OpsServer.start(0);
        ServiceHost host =
            new ServiceHost(
                ops,
                ServiceContext.of(configuration, settings, serdes, new SimpleMeterRegistry()))) {
      host.start(factory);
      assertThat(ops.health().components())
          .containsKeys("intent-stream.streams", "intent-stream.classifier");
      assertThat(ops.health().components().get("intent-stream.classifier").isUp()).isTrue();

      // When a Chinese and an English question, a request for a human and a poison record arrive
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

      // Then each message is classified once, the request is handed off, the poison is parked
      List<MessageClassified> classified =
          readCommitted(
              topics.messagesClassified(),
              serdes.valueSerde(topics.messagesClassified()).deserializer(),
              3);
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
      List<HandoffRequested> handoffs =
          readCommitted(topics.handoffs(), serdes.valueSerde(topics.handoffs()).deserializer(), 1);
      assertThat(handoffs)
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.getMessageId()).isEqualTo("m-3");
                assertThat(h.getReason()).isEqualTo(HandoffReason.USER_REQUEST);
                assertThat(h.getLastTurns()).hasSize(2);
              });
      List<ProcessingFailed> dead =
          readCommitted(topics.dlq(), serdes.valueSerde(topics.dlq()).deserializer(), 1);
      DlqAssert.assertThat(dead)
          .hasSize(1)
          .hasFailure(IntentTopology.SERVICE, FailureKind.DESERIALIZATION);
    } finally {
      InMemorySchemaRegistry.drop(scope);
    }
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
      // nothing more than expected: exactly once
      for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofSeconds(1))) {
        out.add(r.value());
      }
    }
    return out;
  }
}
