package io.streamdesk.schemas.topics;

import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.DeliveryFailed;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.KnowledgeDocumentIndexed;
import io.streamdesk.schemas.events.KnowledgeDocumentSubmitted;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyChunk;
import io.streamdesk.schemas.events.ReplyDelivered;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The catalogue of every StreamDesk topic. Conversation topics are keyed by conversationId and all
 * share one partition count, so a conversation is ordered and co-partitioned everywhere; the
 * knowledge-base topics are keyed by documentId.
 *
 * <p>A catalogue is immutable. {@link #defaults()} gives the production names; {@link
 * #of(TopicSettings)} applies a name prefix (the replay shadow pipeline uses one), a partition
 * count and a replication factor.
 */
public final class Topics {

  private static final Duration YEAR = Duration.ofDays(365);

  private final TopicSettings settings;
  private final Topic<String, CustomerMessageReceived> messagesInbound;
  private final Topic<String, MessageClassified> messagesClassified;
  private final Topic<String, ConversationState> conversations;
  private final Topic<String, GenerateReply> generationRequests;
  private final Topic<String, GenerateReply> generationRetry;
  private final Topic<String, ReplyChunk> replyChunks;
  private final Topic<String, ReplyGenerated> replies;
  private final Topic<String, HandoffRequested> handoffs;
  private final Topic<String, KnowledgeDocumentSubmitted> kbDocuments;
  private final Topic<String, KnowledgeDocumentIndexed> kbEvents;
  private final Topic<String, SpecificRecord> deliveries;
  private final Topic<String, ProcessingFailed> dlq;

  private Topics(TopicSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    messagesInbound =
        conversationTopic(
            "cs.messages.inbound",
            CustomerMessageReceived.class,
            YEAR,
            "raw customer messages from every channel; the authoritative log");
    messagesClassified =
        conversationTopic(
            "cs.messages.classified",
            MessageClassified.class,
            Duration.ofDays(30),
            "masked, embedded and classified messages");
    conversations =
        topic(
            "cs.conversations",
            ConversationState.class,
            ConversationState.getClassSchema(),
            settings.partitions(),
            CleanupPolicy.COMPACT,
            null,
            "conversation state changelog (compacted)");
    generationRequests =
        conversationTopic(
            "cs.generation.requests",
            GenerateReply.class,
            Duration.ofDays(7),
            "commands to the generation workers");
    generationRetry =
        conversationTopic(
            "cs.generation.requests.retry",
            GenerateReply.class,
            Duration.ofDays(7),
            "generation commands that failed once, retried after a delay");
    replyChunks =
        conversationTopic(
            "cs.replies.chunks",
            ReplyChunk.class,
            Duration.ofHours(6),
            "streamed reply pieces for live UIs (best effort)");
    replies =
        conversationTopic(
            "cs.replies", ReplyGenerated.class, YEAR, "the one reply to each customer message");
    handoffs =
        conversationTopic(
            "cs.handoffs",
            HandoffRequested.class,
            YEAR,
            "conversations a human agent should take over");
    kbDocuments =
        topic(
            "cs.kb.documents",
            KnowledgeDocumentSubmitted.class,
            KnowledgeDocumentSubmitted.getClassSchema(),
            1,
            CleanupPolicy.COMPACT,
            null,
            "knowledge-base upserts and deletes (compacted by documentId)");
    kbEvents =
        topic(
            "cs.kb.events",
            KnowledgeDocumentIndexed.class,
            KnowledgeDocumentIndexed.getClassSchema(),
            1,
            CleanupPolicy.DELETE,
            Duration.ofDays(30),
            "outcomes of knowledge-base commands");
    deliveries =
        topic(
            "cs.deliveries",
            SpecificRecord.class,
            Schema.createUnion(ReplyDelivered.getClassSchema(), DeliveryFailed.getClassSchema()),
            settings.partitions(),
            CleanupPolicy.DELETE,
            Duration.ofDays(90),
            "dispatcher outcomes (ReplyDelivered or DeliveryFailed), for audit");
    dlq =
        conversationTopic(
            "cs.dlq",
            ProcessingFailed.class,
            Duration.ofDays(30),
            "records no stage could process, with the reason and raw bytes");
  }

  /** The production catalogue: no prefix, {@link TopicSettings#DEFAULT_PARTITIONS}, RF 1. */
  public static Topics defaults() {
    return new Topics(TopicSettings.defaults());
  }

  /** A catalogue with the given prefix, partition count and replication factor. */
  public static Topics of(TopicSettings settings) {
    return new Topics(settings);
  }

  public TopicSettings settings() {
    return settings;
  }

  /** {@code cs.messages.inbound}: CustomerMessageReceived by conversationId. */
  public Topic<String, CustomerMessageReceived> messagesInbound() {
    return messagesInbound;
  }

  /** {@code cs.messages.classified}: MessageClassified by conversationId. */
  public Topic<String, MessageClassified> messagesClassified() {
    return messagesClassified;
  }

  /** {@code cs.conversations}: ConversationState by conversationId, compacted. */
  public Topic<String, ConversationState> conversations() {
    return conversations;
  }

  /** {@code cs.generation.requests}: GenerateReply by conversationId. */
  public Topic<String, GenerateReply> generationRequests() {
    return generationRequests;
  }

  /** {@code cs.generation.requests.retry}: GenerateReply by conversationId, retried once. */
  public Topic<String, GenerateReply> generationRetry() {
    return generationRetry;
  }

  /** {@code cs.replies.chunks}: ReplyChunk by conversationId. */
  public Topic<String, ReplyChunk> replyChunks() {
    return replyChunks;
  }

  /** {@code cs.replies}: ReplyGenerated by conversationId. */
  public Topic<String, ReplyGenerated> replies() {
    return replies;
  }

  /** {@code cs.handoffs}: HandoffRequested by conversationId. */
  public Topic<String, HandoffRequested> handoffs() {
    return handoffs;
  }

  /** {@code cs.kb.documents}: KnowledgeDocumentSubmitted by documentId, compacted. */
  public Topic<String, KnowledgeDocumentSubmitted> kbDocuments() {
    return kbDocuments;
  }

  /** {@code cs.kb.events}: KnowledgeDocumentIndexed by documentId. */
  public Topic<String, KnowledgeDocumentIndexed> kbEvents() {
    return kbEvents;
  }

  /** {@code cs.deliveries}: ReplyDelivered or DeliveryFailed by conversationId. */
  public Topic<String, SpecificRecord> deliveries() {
    return deliveries;
  }

  /** {@code cs.dlq}: ProcessingFailed under the failed record's key. */
  public Topic<String, ProcessingFailed> dlq() {
    return dlq;
  }

  /** Every topic of the catalogue, in flow order. */
  public List<Topic<?, ?>> all() {
    return List.of(
        messagesInbound,
        messagesClassified,
        conversations,
        generationRequests,
        generationRetry,
        replyChunks,
        replies,
        handoffs,
        kbDocuments,
        kbEvents,
        deliveries,
        dlq);
  }

  private <V extends SpecificRecord> Topic<String, V> conversationTopic(
      String baseName, Class<V> valueType, Duration retention, String description) {
    return topic(
        baseName,
        valueType,
        schemaOf(valueType),
        settings.partitions(),
        CleanupPolicy.DELETE,
        retention,
        description);
  }

  private <V> Topic<String, V> topic(
      String baseName,
      Class<V> valueType,
      Schema schema,
      int partitions,
      CleanupPolicy cleanup,
      Duration retention,
      String description) {
    return new Topic<>(
        settings.prefix() + baseName,
        String.class,
        valueType,
        schema,
        partitions,
        settings.replicationFactor(),
        cleanup,
        retention,
        description);
  }

  private static Schema schemaOf(Class<? extends SpecificRecord> type) {
    try {
      return (Schema) type.getField("SCHEMA$").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type.getName() + " is not a generated Avro record", e);
    }
  }
}
