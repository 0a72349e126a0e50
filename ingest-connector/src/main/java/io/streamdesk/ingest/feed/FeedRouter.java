package io.streamdesk.ingest.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamdesk.ingest.admin.OpsWindow;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyChunk;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes records of the connector's feeds to the views that need them: replies complete waiting
 * sync requests, feed the history and the SSE streams; chunks and handoffs feed the SSE streams
 * (handoffs the history too); inbound messages feed the history. Replies, handoffs and inbound
 * messages also feed the operations window. Reads cs.replies, cs.replies.chunks, cs.handoffs and
 * cs.messages.inbound.
 *
 * <p>Records the end-to-end latency of each reply (ReplyGenerated receivedAt to generatedAt) as
 * {@code streamdesk.stage.latency{service=ingest-connector,stage=end_to_end}}, for replies written
 * after this router was created only, so the read-back after a restart is not measured twice. Every
 * replica records every reply: quantiles are unaffected, counts multiply by the replica count.
 */
public final class FeedRouter {

  private final String repliesTopic;
  private final String chunksTopic;
  private final String handoffsTopic;
  private final String inboundTopic;
  private final Deserializer<ReplyGenerated> replies;
  private final Deserializer<ReplyChunk> chunks;
  private final Deserializer<HandoffRequested> handoffs;
  private final Deserializer<CustomerMessageReceived> inbound;
  private final PendingReplies pending;
  private final ConversationHistory history;
  private final ConversationEvents events;
  private final JsonMapper json;
  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final OpsWindow window;
  private final PipelineMetrics pipeline;
  private final Instant liveSince;

  /** Stage name of the end-to-end latency in {@code streamdesk.stage.latency}. */
  public static final String END_TO_END = "end_to_end";

  public FeedRouter(
      Topics topics,
      TopicSerdes serdes,
      PendingReplies pending,
      ConversationHistory history,
      ConversationEvents events,
      JsonMapper json,
      MeterRegistry meters,
      OpsWindow window,
      String service,
      Instant liveSince) {
    this.repliesTopic = topics.replies().name();
    this.chunksTopic = topics.replyChunks().name();
    this.handoffsTopic = topics.handoffs().name();
    this.inboundTopic = topics.messagesInbound().name();
    this.replies = deserializer(serdes, topics.replies());
    this.chunks = deserializer(serdes, topics.replyChunks());
    this.handoffs = deserializer(serdes, topics.handoffs());
    this.inbound = deserializer(serdes, topics.messagesInbound());
    this.pending = pending;
    this.history = history;
    this.events = events;
    this.json = json;
    this.meters = meters;
    this.window = window;
    this.pipeline = new PipelineMetrics(meters, service);
    this.liveSince = liveSince;
  }

  private static <V> Deserializer<V> deserializer(TopicSerdes serdes, Topic<String, V> topic) {
    return serdes.valueSerde(topic).deserializer();
  }

  /** Handles a record of cs.replies, cs.replies.chunks or cs.handoffs. */
  public void onReplyFeed(ConsumerRecord<String, byte[]> record) {
    String topic = record.topic();
    if (topic.equals(repliesTopic)) {
      ReplyGenerated reply = replies.deserialize(topic, record.value());
      pending.onReply(reply);
      history.onReply(reply);
      window.onReply(reply);
      if (!reply.getGeneratedAt().isBefore(liveSince)) {
        pipeline.latency(
            END_TO_END, Duration.between(reply.getReceivedAt(), reply.getGeneratedAt()));
      }
      emit(
          reply.getConversationId(),
          StreamEvent.Kind.REPLY,
          record.offset(),
          reply.getInReplyTo(),
          EventViews.reply(reply));
    } else if (topic.equals(chunksTopic)) {
      ReplyChunk chunk = chunks.deserialize(topic, record.value());
      emit(
          chunk.getConversationId(),
          StreamEvent.Kind.CHUNK,
          record.offset(),
          chunk.getMessageId(),
          EventViews.chunk(chunk));
    } else if (topic.equals(handoffsTopic)) {
      HandoffRequested handoff = handoffs.deserialize(topic, record.value());
      history.onHandoff(handoff);
      window.onHandoff(handoff);
      emit(
          handoff.getConversationId(),
          StreamEvent.Kind.HANDOFF,
          record.offset(),
          handoff.getMessageId(),
          EventViews.handoff(handoff));
    }
    count(topic);
  }

  /** Handles a record of cs.messages.inbound. */
  public void onInbound(ConsumerRecord<String, byte[]> record) {
    CustomerMessageReceived message = inbound.deserialize(record.topic(), record.value());
    history.onInbound(message);
    window.onInbound(message.getReceivedAt());
    count(record.topic());
  }

  private void emit(
      String conversationId, StreamEvent.Kind kind, long offset, String messageId, Object view) {
    events.publish(
        new StreamEvent(conversationId, kind, offset, messageId, json.writeValueAsString(view)));
  }

  private void count(String topic) {
    counters
        .computeIfAbsent(
            topic,
            t ->
                Counter.builder("streamdesk.ingest.feed.records")
                    .description("Records read by the connector's feeds")
                    .tag("topic", t)
                    .register(meters))
        .increment();
  }
}
