package io.streamdesk.stack.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.Passage;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.stack.access.ClusterAccess;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import io.streamdesk.testkit.Events;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Export on an embedded broker with hand-produced events: a customer message with a phone number
 * (raw on the inbound topic, masked on the classified one), answers citing categorised passages, an
 * unanswered last message, a conversation older than the range.
 */
class ConversationExportIT {

  private static final TopicSettings SETTINGS = new TopicSettings("", 3, (short) 1);
  private static final String PHONE = "13812345678";

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withTopics(SETTINGS);

  private static final String SCOPE = "export-it-" + UUID.randomUUID();
  private static AvroTopicSerdes serdes;
  private static ClusterAccess access;
  private static Instant start;

  @BeforeAll
  static void produceConversations() throws Exception {
    serdes = AvroTopicSerdes.create(RegistryConfig.mock(SCOPE));
    KafkaSettings settings =
        KafkaSettings.of(kafka.bootstrapServers(), RegistryConfig.MOCK_SCHEME + SCOPE)
            .withTopics(SETTINGS);
    access = ClusterAccess.inProcess(settings, serdes, Map.of());
    start = Instant.now();
    Topics topics = kafka.topics();
    long old = start.minus(Duration.ofHours(2)).toEpochMilli();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            (topic, bytes) -> bytes)) {
      // zh: a phone number, an answer citing a 物流 passage, thanks
      send(
          producer,
          topics.messagesInbound(),
          "zh",
          null,
          Events.customerMessage("zh", "zh-1", "我的手机号是" + PHONE + "，订单到哪了"));
      send(
          producer,
          topics.messagesClassified(),
          "zh",
          null,
          classified("zh", "zh-1", "我的手机号是[PHONE_1]，订单到哪了", "order_status"));
      send(
          producer,
          topics.generationRequests(),
          "zh",
          null,
          Events.generateReply()
              .setConversationId("zh")
              .setMessageId("zh-1")
              .setPassages(List.of(passage("p-ship", "物流"), passage("p-order", "订单")))
              .build());
      send(producer, topics.replies(), "zh", null, reply("zh", "zh-1", "您的订单已发货。", "p-ship"));
      send(
          producer,
          topics.messagesClassified(),
          "zh",
          null,
          classified("zh", "zh-2", "谢谢", "greeting"));
      send(producer, topics.replies(), "zh", null, reply("zh", "zh-2", "不客气！"));
      // en: answered greeting, then an unanswered question
      send(
          producer,
          topics.messagesClassified(),
          "en",
          null,
          classified("en", "en-1", "hi", "greeting"));
      send(producer, topics.replies(), "en", null, reply("en", "en-1", "Hello! How can I help?"));
      send(
          producer,
          topics.messagesClassified(),
          "en",
          null,
          classified("en", "en-2", "refund please", "after_sales"));
      // a conversation with no answer at all, and one older than the range
      send(
          producer,
          topics.messagesClassified(),
          "silent",
          null,
          classified("silent", "s-1", "hello?", "greeting"));
      send(
          producer,
          topics.messagesClassified(),
          "old",
          old,
          classified("old", "o-1", "hi", "greeting"));
      send(producer, topics.replies(), "old", old, reply("old", "o-1", "Hello!"));
    }
  }

  @AfterAll
  static void close() {
    access.close();
    serdes.close();
    InMemorySchemaRegistry.drop(SCOPE);
  }

  private static <V> void send(
      KafkaProducer<String, byte[]> producer,
      Topic<String, V> topic,
      String key,
      Long timestamp,
      V value)
      throws Exception {
    byte[] bytes = serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), null, timestamp, key, bytes)).get();
  }

  private static io.streamdesk.schemas.events.MessageClassified classified(
      String conversation, String id, String masked, String intent) {
    return Events.messageClassified()
        .setConversationId(conversation)
        .setMessageId(id)
        .setMaskedText(masked)
        .setIntent(intent)
        .setReceivedAt(Instant.now())
        .build();
  }

  private static io.streamdesk.schemas.events.ReplyGenerated reply(
      String conversation, String inReplyTo, String text, String... passages) {
    List<Citation> citations = new ArrayList<>();
    for (String p : passages) {
      citations.add(
          Citation.newBuilder()
              .setPassageId(p)
              .setDocumentId("faq.csv")
              .setTitle(p)
              .setSource("faq.csv")
              .build());
    }
    return Events.replyGenerated()
        .setReplyId("r-" + inReplyTo)
        .setConversationId(conversation)
        .setInReplyTo(inReplyTo)
        .setText(text)
        .setCitations(citations)
        .build();
  }

  private static Passage passage(String id, String category) {
    return Passage.newBuilder()
        .setId(id)
        .setDocumentId("faq.csv")
        .setTitle(id)
        .setText("...")
        .setScore(0.9)
        .setSource("faq.csv")
        .setKbVersion(1)
        .setCategory(category)
        .build();
  }

  private static List<JsonNode> export(Optional<String> conversation) throws Exception {
    StringWriter out = new StringWriter();
    ConversationExport.run(
        access,
        new ConversationExport.Request(
            start.minus(Duration.ofHours(1)), Instant.now().plusSeconds(60), conversation),
        out);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        lines.add(new ObjectMapper().readTree(line)); // each line is one valid JSON object
      }
    }
    return lines;
  }

  @Test
  void shouldWriteOneMaskedAlternatingLinePerAnsweredConversationOfTheRange() throws Exception {
    // When
    List<JsonNode> lines = export(Optional.empty());

    // Then: zh and en; the silent one has no answer, the old one is before the range
    assertThat(lines).hasSize(2);
    for (JsonNode line : lines) {
      List<String> keys = new ArrayList<>();
      line.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactly("conversations", "intent", "domain");
      Iterator<JsonNode> turns = line.path("conversations").elements();
      String expected = "user";
      int count = 0;
      while (turns.hasNext()) {
        JsonNode turn = turns.next();
        assertThat(turn.path("role").asText()).isEqualTo(expected);
        assertThat(turn.path("content").asText()).isNotBlank();
        expected = expected.equals("user") ? "assistant" : "user";
        count++;
      }
      assertThat(count % 2).as("ends with the assistant").isZero();
      assertThat(line.toString()).doesNotContain(PHONE);
    }
    JsonNode zh = lines.getFirst();
    assertThat(zh.path("conversations").get(0).path("content").asText())
        .isEqualTo("我的手机号是[PHONE_1]，订单到哪了");
    assertThat(zh.path("intent").asText()).isEqualTo("order_status");
    assertThat(zh.path("domain").asText()).isEqualTo("物流");
    JsonNode en = lines.get(1);
    assertThat(en.path("conversations")).hasSize(2);
    assertThat(en.path("intent").asText()).isEqualTo("greeting");
    assertThat(en.path("domain").asText()).isEqualTo("customer_service");
  }

  @Test
  void shouldExportOnlyTheNamedConversation() throws Exception {
    List<JsonNode> lines = export(Optional.of("en"));

    assertThat(lines).hasSize(1);
    assertThat(lines.getFirst().path("conversations").get(0).path("content").asText())
        .isEqualTo("hi");
  }
}
