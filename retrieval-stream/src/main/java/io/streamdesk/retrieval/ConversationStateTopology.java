package io.streamdesk.retrieval;

import io.streamdesk.retrieval.state.ConversationEvent;
import io.streamdesk.retrieval.state.ConversationEventProcessor;
import io.streamdesk.retrieval.state.RetrievalStores;
import io.streamdesk.runtime.dlq.Outcome;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The conversation-state half of the retrieval stream: {@code cs.replies} and {@code cs.handoffs}
 * (co-partitioned with {@code cs.messages.classified}: same key, same partition count) merged into
 * the {@code retrieval-conversation-events} processor, which updates the conversations it shares
 * with {@code retrieval-decide}, fills the answer cache, and closes idle conversations on a
 * wall-clock punctuation. Its state changes join the decisions' on {@code cs.conversations}.
 *
 * <p>It is part of {@link RetrievalTopology}'s application, not an application of its own: state
 * and retrieval share the stores so that the state a follow-up is searched with is the state its
 * previous message left, in the same task, with no round trip through {@code cs.conversations}.
 */
public final class ConversationStateTopology {

  private ConversationStateTopology() {}

  /**
   * Adds the state operators to a builder that already holds {@link RetrievalStores}.
   *
   * @return the state changes, as outcomes (a dead letter for a record of the wrong key)
   */
  public static KStream<String, Outcome<RetrievalOutput>> addTo(
      StreamsBuilder builder, Topics topics, TopicSerdes serdes, RetrievalComponents components) {
    Topic<String, ReplyGenerated> replies = topics.replies();
    Topic<String, HandoffRequested> handoffs = topics.handoffs();
    KStream<String, ConversationEvent> replyEvents =
        builder.stream(
                replies.name(),
                Consumed.with(serdes.keySerde(replies), serdes.valueSerde(replies))
                    .withName("retrieval-read-replies"))
            .mapValues(
                r -> (ConversationEvent) new ConversationEvent.Reply(r),
                Named.as("retrieval-reply-events"));
    KStream<String, ConversationEvent> handoffEvents =
        builder.stream(
                handoffs.name(),
                Consumed.with(serdes.keySerde(handoffs), serdes.valueSerde(handoffs))
                    .withName("retrieval-read-handoffs"))
            .mapValues(
                h -> (ConversationEvent) new ConversationEvent.Handoff(h),
                Named.as("retrieval-handoff-events"));
    return replyEvents
        .merge(handoffEvents, Named.as("retrieval-merge-events"))
        .process(
            ConversationEventProcessor.supplier(
                components.ledger(),
                components.cache(),
                components.kbVersion(),
                components.metrics()),
            Named.as("retrieval-conversation-events"),
            RetrievalStores.ALL);
  }
}
