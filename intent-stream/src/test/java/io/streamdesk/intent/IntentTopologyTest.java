package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.intent.text.TextPipeline;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.ScriptLanguageDetector;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.PolicyAction;
import io.streamdesk.schemas.events.PolicyHit;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.testkit.DlqAssert;
import io.streamdesk.testkit.Events;
import io.streamdesk.testkit.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The intent topology on TopologyTestDriver with the real encoders, text pipeline and rules. */
class IntentTopologyTest {

  private static LanguageRouter router;
  private static ServedClassifier classifier;
  private static IntentAnalyzer analyzer;

  private TopologyHarness harness;
  private TestInputTopic<String, CustomerMessageReceived> inbound;
  private TestOutputTopic<String, MessageClassified> classified;
  private TestOutputTopic<String, HandoffRequested> handoffs;

  @BeforeAll
  static void loadModels() {
    router = TestModels.router();
    classifier = TestModels.classifier(router, 20);
    analyzer =
        new IntentAnalyzer(
            TextPipeline.withDefaults(),
            new LanguageResolver(new ScriptLanguageDetector(), router, 0.6),
            router,
            classifier.scorer());
  }

  @AfterAll
  static void closeModels() {
    classifier.close();
    router.close();
  }

  @BeforeEach
  void start() {
    harness = TopologyHarness.forService(IntentTopology.SERVICE);
    harness.start(
        IntentTopology.build(
            harness.topics(), harness.serdes(), analyzer, HandoffRules.defaults()));
    inbound = harness.input(harness.topics().messagesInbound());
    classified = harness.output(harness.topics().messagesClassified());
    handoffs = harness.output(harness.topics().handoffs());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldClassifyChineseAndEnglishMessagesWithTheirLanguagesModel() {
    // When a Chinese and an English order question arrive
    send("c-zh", "m-zh", "我的订单怎么还没发货？", "zh-CN");
    send("c-en", "m-en", "Where is my order? It still hasn't shipped.", "en-US");

    // Then each is classified once, in its language, with its language's embedding
    List<MessageClassified> out = classified.readValuesToList();
    assertThat(out).hasSize(2);
    MessageClassified zh = out.get(0);
    assertThat(zh.getLanguage()).isEqualTo("zh");
    assertThat(zh.getEmbeddingModel()).isEqualTo("bge-small-zh-v15-q");
    assertThat(zh.getEmbedding()).hasSize(512);
    assertThat(zh.getIntent()).isEqualTo("order_status");
    MessageClassified en = out.get(1);
    assertThat(en.getLanguage()).isEqualTo("en");
    assertThat(en.getEmbeddingModel()).isEqualTo("bge-small-en-v15-q");
    assertThat(en.getEmbedding()).hasSize(384);
    assertThat(en.getIntent()).isEqualTo("order_status");
    for (MessageClassified m : out) {
      assertThat(m.getOutOfScope()).isFalse();
      assertThat(m.getCandidates()).hasSizeBetween(1, 3);
      assertThat(m.getCandidates().get(0).getIntent()).isEqualTo(m.getIntent());
      assertThat(m.getConfidence()).isEqualTo(m.getCandidates().get(0).getConfidence());
      assertThat(m.getClassifierVersion()).isNotBlank();
      assertThat(m.getTimings()).containsKey("intent");
      assertThat(m.getHandoffReason()).isNull();
      assertThat(norm(m.getEmbedding())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }
    assertThat(handoffs.isEmpty()).isTrue();
    DlqAssert.assertThat(harness.dlq()).isEmpty();
  }

  @Test
  void shouldPublishOutOfScopeMessagesAsOther() {
    // When a question the shop does not cover arrives
    send("c-1", "m-1", "What's the capital of Australia?", "en-US");

    // Then it is published as "other" with its in-scope candidates
    MessageClassified out = classified.readValue();
    assertThat(out.getOutOfScope()).isTrue();
    assertThat(out.getIntent()).isEqualTo(Classification.OTHER);
    assertThat(out.getCandidates()).isNotEmpty().noneMatch(c -> c.getIntent().equals("oos"));
    DlqAssert.assertThat(harness.dlq()).isEmpty();
  }

  @Test
  void shouldMaskPiiDownstreamAndNeverTouchTheRawInbound() {
    // Given a message with a phone number, an e-mail and an order number
    String raw = "我的手机13812345678，邮箱zhang.san@example.com，订单号 202401150001 还没到";

    // When it is processed
    send("c-1", "m-1", raw, "zh-CN");

    // Then the classified message holds placeholders only, and the order number stays visible
    byte[] bytes = harness.rawOutput(harness.topics().messagesClassified()).readValue();
    String wire = new String(bytes, StandardCharsets.UTF_8);
    assertThat(wire).doesNotContain("13812345678").doesNotContain("zhang.san@example.com");
    MessageClassified out =
        harness
            .serdes()
            .valueSerde(harness.topics().messagesClassified())
            .deserializer()
            .deserialize(harness.topics().messagesClassified().name(), bytes);
    assertThat(out.getMaskedText()).contains("[PHONE_1]", "[EMAIL_1]", "202401150001");
    assertThat(out.getPiiTypes()).containsExactly("PHONE", "EMAIL");
    // and the topology never writes to the authoritative inbound log
    assertThat(harness.rawOutput(harness.topics().messagesInbound()).isEmpty()).isTrue();
    DlqAssert.assertThat(harness.dlq()).isEmpty();
  }

  @Test
  void shouldCarryARefusePolicyHitWithoutHandingOff() {
    // When a message touches a REFUSE category (politics)
    send("c-1", "m-1", "你们怎么看台独问题", "zh-CN");

    // Then the hit travels for retrieval to refuse politely, masked, and nobody is called
    MessageClassified out = classified.readValue();
    assertThat(out.getPolicyHits())
        .extracting(PolicyHit::getCategory, PolicyHit::getAction)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("politics", PolicyAction.REFUSE));
    assertThat(out.getMaskedText()).doesNotContain("台独");
    assertThat(out.getHandoffReason()).isNull();
    assertThat(handoffs.isEmpty()).isTrue();
  }

  @Test
  void shouldHandOffAPolicyHandoffHit() {
    // When a message hits a HANDOFF category (violence, HIGH)
    send("c-1", "m-1", "再不退款我就找人打你", "zh-CN");

    // Then a POLICY handoff goes out with the masked turn
    MessageClassified out = classified.readValue();
    assertThat(out.getHandoffReason()).isEqualTo(HandoffReason.POLICY);
    HandoffRequested handoff = handoffs.readValue();
    assertThat(handoff.getReason()).isEqualTo(HandoffReason.POLICY);
    assertThat(handoff.getPriority()).isEqualTo(HandoffPriority.HIGH);
    assertThat(handoff.getMessageId()).isEqualTo("m-1");
    assertThat(handoff.getLastTurns())
        .extracting(Turn::getText)
        .containsExactly(out.getMaskedText());
    assertThat(handoff.getLastTurns().get(0).getText()).doesNotContain("找人打你");
    assertThat(handoffs.isEmpty()).isTrue();
  }

  @Test
  void shouldHandOffAnExplicitRequestForAHuman() {
    send("c-1", "m-1", "别跟我说机器人，我要转人工", "zh-CN");

    HandoffRequested handoff = handoffs.readValue();
    assertThat(handoff.getReason()).isEqualTo(HandoffReason.USER_REQUEST);
    assertThat(handoff.getLanguage()).isEqualTo("zh");
    assertThat(handoff.getConversationId()).isEqualTo("c-1");
    assertThat(classified.readValue().getHandoffReason()).isEqualTo(HandoffReason.USER_REQUEST);
  }

  @Test
  void shouldHandOffAComplaintWithStrongNegativeWording() {
    send(
        "c-1",
        "m-1",
        "You are scammers, this is a total disgrace and I will file a complaint",
        "en-US");

    HandoffRequested handoff = handoffs.readValue();
    assertThat(handoff.getReason()).isEqualTo(HandoffReason.COMPLAINT);
    assertThat(handoff.getDetail()).isNotBlank();
    assertThat(classified.readValue().getHandoffReason()).isEqualTo(HandoffReason.COMPLAINT);
  }

  @Test
  void shouldHandOffAfterTwoLowConfidenceTurnsInARow() {
    // Given an out-of-scope turn, and another conversation in between
    send("c-1", "m-1", "Can you recommend a good pizza recipe?", "en-US");
    send("c-2", "m-2", "What's the weather like in Paris tomorrow?", "en-US");
    assertThat(handoffs.isEmpty()).isTrue();

    // When the first conversation's next turn is out of scope as well
    send("c-1", "m-3", "Who won the football world cup in 2010?", "en-US");

    // Then that conversation, and only it, is handed off with both turns
    HandoffRequested handoff = handoffs.readValue();
    assertThat(handoff.getConversationId()).isEqualTo("c-1");
    assertThat(handoff.getReason()).isEqualTo(HandoffReason.LOW_CONFIDENCE);
    assertThat(handoff.getLastTurns()).extracting(Turn::getMessageId).containsExactly("m-1", "m-3");
    assertThat(handoffs.isEmpty()).isTrue();
    List<MessageClassified> out = classified.readValuesToList();
    assertThat(out)
        .extracting(MessageClassified::getHandoffReason)
        .containsExactly(null, null, HandoffReason.LOW_CONFIDENCE);
  }

  @Test
  void shouldParkAPoisonRecordAndProcessTheNextOne() {
    // When a record that is not Avro arrives, then a good one
    harness
        .rawInput(harness.topics().messagesInbound())
        .pipeInput(
            "c-1".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
    send("c-1", "m-2", "Hello!", "en-US");

    // Then the poison is a DESERIALIZATION dead letter with its bytes, and the next is classified
    ProcessingFailed dead = DlqAssert.assertThat(harness.dlq()).single();
    assertThat(dead.getStage()).isEqualTo(IntentTopology.SERVICE);
    assertThat(dead.getKind()).isEqualTo(FailureKind.DESERIALIZATION);
    assertThat(dead.getRawValue().array()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
    assertThat(classified.readValue().getMessageId()).isEqualTo("m-2");
  }

  @Test
  void shouldParkMessagesThatCannotBeClassifiedAsBusinessFailures() {
    // When an empty message and one keyed by another id arrive
    send("c-1", "m-1", " \u0000\u200b ", "en-US");
    inbound.pipeInput("wrong-key", Events.customerMessage("c-2", "m-2", "hello"));

    // Then both are BUSINESS dead letters naming why, and nothing is classified
    List<ProcessingFailed> dead = harness.dlq().readValuesToList();
    DlqAssert.assertThat(dead)
        .hasSize(2)
        .hasFailure(IntentTopology.SERVICE, FailureKind.BUSINESS)
        .hasFailureOf(IntentAnalyzer.EMPTY_TEXT)
        .hasFailureOf(IntentTopology.KEY_MISMATCH);
    assertThat(dead).extracting(ProcessingFailed::getMessageId).containsExactly("m-1", "m-2");
    assertThat(classified.isEmpty()).isTrue();
  }

  @Test
  void shouldPublishExactlyOneOutputPerInput() {
    // Given a mix of good, handed-off and unprocessable messages
    List<String> ids = new ArrayList<>();
    String[] texts = {
      "你好", "Where is my parcel?", "我要投诉，你们就是骗子", "", "How do I reset my password?", "转人工", "退货怎么退"
    };
    for (int i = 0; i < texts.length; i++) {
      send("c-" + (i % 3), "m-" + i, texts[i], null);
      ids.add("m-" + i);
    }
    harness
        .rawInput(harness.topics().messagesInbound())
        .pipeInput(new byte[] {1}, new byte[] {0, 1});

    // Then every input is either classified once or dead-lettered once
    List<String> classifiedIds =
        classified.readValuesToList().stream().map(MessageClassified::getMessageId).toList();
    List<ProcessingFailed> dead = harness.dlq().readValuesToList();
    assertThat(classifiedIds).doesNotHaveDuplicates();
    assertThat(classifiedIds.size() + dead.size()).isEqualTo(texts.length + 1);
    assertThat(classifiedIds)
        .containsExactlyElementsOf(ids.stream().filter(id -> !id.equals("m-3")).toList());
    DlqAssert.assertThat(dead)
        .hasSize(2)
        .hasFailureOf(IntentAnalyzer.EMPTY_TEXT)
        .hasFailure(IntentTopology.SERVICE, FailureKind.DESERIALIZATION);
  }

  @Test
  void shouldForgetIdleConversationsFromItsStore() {
    // Given a conversation remembered in the named store
    send("c-1", "m-1", "Can you recommend a good pizza recipe?", "en-US");
    KeyValueStore<String, ConversationMemory> store =
        harness.driver().getKeyValueStore(IntentTopology.MEMORY_STORE);
    assertThat(store.get("c-1").turns()).hasSize(1);

    // When stream time moves past the TTL and the next sweep
    Instant later =
        TopologyHarness.START.plus(HandoffRules.defaults().memoryTtl()).plus(Duration.ofMinutes(6));
    inbound.pipeInput("c-2", Events.customerMessage("c-2", "m-2", "hello"), later);

    // Then the idle conversation is gone and the new one is kept
    assertThat(store.get("c-1")).isNull();
    assertThat(store.get("c-2")).isNotNull();
  }

  private void send(String conversation, String messageId, String text, String locale) {
    inbound.pipeInput(
        conversation,
        Events.customerMessage()
            .setConversationId(conversation)
            .setMessageId(messageId)
            .setText(text)
            .setLocale(locale)
            .build());
  }

  private static double norm(List<Float> v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
