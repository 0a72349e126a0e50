package io.streamdesk.schemas.serde;

import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.ConversationStatus;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.DeliveryFailed;
import io.streamdesk.schemas.events.DeliveryKind;
import io.streamdesk.schemas.events.DocumentOperation;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.IndexStatus;
import io.streamdesk.schemas.events.IntentCandidate;
import io.streamdesk.schemas.events.KnowledgeDocumentIndexed;
import io.streamdesk.schemas.events.KnowledgeDocumentSubmitted;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.Passage;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyChunk;
import io.streamdesk.schemas.events.ReplyDelivered;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.events.TurnRole;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in instance of every event, for round-trip tests. */
public final class SampleEvents {

  public static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");

  private SampleEvents() {}

  /** The catalogue topic whose values are events of {@code event}'s type. */
  @SuppressWarnings("unchecked")
  public static Topic<String, Object> topicCarrying(Topics topics, SpecificRecord event) {
    for (Topic<?, ?> topic : topics.all()) {
      if (topic.valueType() != SpecificRecord.class && topic.valueType().isInstance(event)) {
        return (Topic<String, Object>) topic;
      }
    }
    // Delivery outcomes share one topic whose value schema is a union of records.
    return (Topic<String, Object>) (Topic<?, ?>) topics.deliveries();
  }

  public static List<SpecificRecord> all() {
    Turn turn =
        Turn.newBuilder()
            .setRole(TurnRole.USER)
            .setText("我的订单 2024051812345 到哪了？")
            .setMessageId("m-1")
            .setIntent("order_status")
            .setAt(AT)
            .build();
    Passage passage =
        Passage.newBuilder()
            .setId("zh-faq-001#0")
            .setDocumentId("zh-faq-001")
            .setTitle("如何查询订单物流？")
            .setText("如何查询订单物流？ 登录后进入我的订单。")
            .setScore(0.87)
            .setSource("sample-kb/zh/faq.csv")
            .setKbVersion(3)
            .setAnswer("登录后进入我的订单。")
            .build();
    Citation citation =
        Citation.newBuilder()
            .setPassageId(passage.getId())
            .setDocumentId(passage.getDocumentId())
            .setTitle(passage.getTitle())
            .setSource(passage.getSource())
            .setKbVersion(3L)
            .build();
    return List.of(
        CustomerMessageReceived.newBuilder()
            .setMessageId("m-1")
            .setConversationId("c-1")
            .setChannel("web")
            .setText("我的订单到哪了？电话 13812345678")
            .setLocale("zh-CN")
            .setReceivedAt(AT)
            .setMetadata(Map.of("page", "/orders"))
            .build(),
        MessageClassified.newBuilder()
            .setMessageId("m-1")
            .setConversationId("c-1")
            .setChannel("web")
            .setReceivedAt(AT)
            .setMaskedText("我的订单到哪了？电话 [PHONE_1]")
            .setLanguage("zh")
            .setIntent("order_status")
            .setConfidence(0.93)
            .setCandidates(List.of(new IntentCandidate("order_status", 0.93)))
            .setPiiTypes(List.of("PHONE"))
            .setHandoffReason(HandoffReason.LOW_CONFIDENCE)
            .setEmbedding(List.of(0.1f, -0.2f, 0.3f))
            .setEmbeddingModel("bge-small-zh-v15-q")
            .setTimings(Map.of("intent", 12L))
            .build(),
        ConversationState.newBuilder()
            .setConversationId("c-1")
            .setTurns(List.of(turn))
            .setSummary("order 2024051812345")
            .setFacts(List.of("order: 2024051812345"))
            .setIntentHistory(List.of("order_status"))
            .setStatus(ConversationStatus.HANDED_OFF)
            .setTurnCount(1)
            .setStartedAt(AT)
            .setLastActiveAt(AT)
            .build(),
        GenerateReply.newBuilder()
            .setMessageId("m-1")
            .setConversationId("c-1")
            .setChannel("web")
            .setLanguage("zh")
            .setIntent("order_status")
            .setUserText("我的订单到哪了？")
            .setHistory(List.of(turn))
            .setPassages(List.of(passage))
            .setKbVersion(3L)
            .setReceivedAt(AT)
            .setRequestedAt(AT)
            .setDeadline(AT.plusSeconds(30))
            .build(),
        ReplyChunk.newBuilder()
            .setMessageId("m-1")
            .setConversationId("c-1")
            .setSeq(0)
            .setDelta("您好")
            .setAt(AT)
            .build(),
        ReplyGenerated.newBuilder()
            .setReplyId("r-1")
            .setInReplyTo("m-1")
            .setConversationId("c-1")
            .setChannel("web")
            .setLanguage("zh")
            .setText("登录后进入我的订单即可查看物流。[1]")
            .setAction(ReplyAction.ANSWER)
            .setCitations(List.of(citation))
            .setIntent("order_status")
            .setModel("extractive")
            .setKbVersion(3L)
            .setReceivedAt(AT)
            .setGeneratedAt(AT)
            .build(),
        HandoffRequested.newBuilder()
            .setHandoffId("h-1")
            .setMessageId("m-1")
            .setConversationId("c-1")
            .setChannel("web")
            .setLanguage("zh")
            .setReason(HandoffReason.COMPLAINT)
            .setIntent("complaint")
            .setLastTurns(List.of(turn))
            .setRequestedAt(AT)
            .build(),
        KnowledgeDocumentSubmitted.newBuilder()
            .setDocumentId("doc-1")
            .setOperation(DocumentOperation.UPSERT)
            .setContent(ByteBuffer.wrap("# Returns\nWithin 7 days.".getBytes()))
            .setContentType("text/markdown")
            .setSubmittedAt(AT)
            .build(),
        KnowledgeDocumentIndexed.newBuilder()
            .setDocumentId("doc-1")
            .setStatus(IndexStatus.INDEXED)
            .setChunkCount(2)
            .setKbVersion(4)
            .setIndexedAt(AT)
            .build(),
        ReplyDelivered.newBuilder()
            .setDeliveryId("m-1:web")
            .setMessageId("m-1")
            .setConversationId("c-1")
            .setChannel("web")
            .setKind(DeliveryKind.REPLY)
            .setEndpoint("web-webhook")
            .setStatusCode(200)
            .setAttempts(3)
            .setLatencyMs(1200)
            .setDeliveredAt(AT)
            .build(),
        DeliveryFailed.newBuilder()
            .setDeliveryId("m-1:web")
            .setMessageId("m-1")
            .setConversationId("c-1")
            .setChannel("web")
            .setKind(DeliveryKind.HANDOFF)
            .setEndpoint("tickets")
            .setReason("HTTP 400 bad request")
            .setLastStatusCode(400)
            .setAttempts(1)
            .setRetryable(false)
            .setFailedAt(AT)
            .build(),
        ProcessingFailed.newBuilder()
            .setStage("intent-stream")
            .setKind(FailureKind.DESERIALIZATION)
            .setSourceTopic("cs.messages.inbound")
            .setSourcePartition(2)
            .setSourceOffset(41L)
            .setExceptionClass("UnknownMagicByteException")
            .setRawValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
            .setFailedAt(AT)
            .build());
  }
}
