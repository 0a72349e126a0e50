package io.streamdesk.retrieval;

import io.streamdesk.retrieval.state.RetrievalStores;
import io.streamdesk.runtime.dlq.DeadLetterProcessor;
import io.streamdesk.runtime.dlq.Outcome;
import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The retrieval stream: one application, one sub-topology. Reads {@code cs.messages.classified},
 * {@code cs.replies} and {@code cs.handoffs} (co-partitioned: keyed by conversationId, equal
 * partition counts, so nothing is repartitioned); writes {@code cs.generation.requests}, {@code
 * cs.replies} (direct replies), {@code cs.handoffs} (REPEATED_FAILURE and unrequested human
 * handoffs), {@code cs.conversations} (every state change; a tombstone when a closed conversation
 * expires) and {@code cs.dlq}.
 *
 * <pre>
 * retrieval-read-classified -> retrieval-decide [conversations, follow-ups, answer cache, pending]
 * retrieval-read-replies  -> retrieval-reply-events   \
 * retrieval-read-handoffs -> retrieval-handoff-events -> retrieval-merge-events
 *                         -> retrieval-conversation-events [same stores; wall-clock expiry sweep]
 * both -> retrieval-merge-outputs -> retrieval-outcome-ok  -> states / generation requests /
 *                                                              direct replies / handoffs
 *                                 -> retrieval-outcome-dlq -> retrieval-dead-letter -> cs.dlq
 * </pre>
 *
 * Every classified message gives exactly one GenerateReply or one direct ReplyGenerated (never
 * both, never none), or a dead letter when it is no message of its key's conversation; poison
 * records reach {@code cs.dlq} through the runtime's exception handlers. Under exactly_once_v2 the
 * state change and the output commit together. Pure: builds a {@link Topology}, never a
 * KafkaStreams.
 */
public final class RetrievalTopology {

  /** The service name: base of the application id and the stage of its dead letters. */
  public static final String SERVICE = "retrieval-stream";

  private RetrievalTopology() {}

  public static Topology build(Topics topics, TopicSerdes serdes, RetrievalComponents components) {
    Objects.requireNonNull(components, "components");
    StreamsBuilder builder = new StreamsBuilder();
    RetrievalStores.addTo(builder, topics, serdes, components.cache());

    Topic<String, MessageClassified> classified = topics.messagesClassified();
    KStream<String, Outcome<RetrievalOutput>> decisions =
        builder.stream(
                classified.name(),
                Consumed.with(serdes.keySerde(classified), serdes.valueSerde(classified))
                    .withName("retrieval-read-classified"))
            .processValues(
                MessageDecisionProcessor.supplier(components.decider(), components.ledger()),
                Named.as("retrieval-decide"),
                RetrievalStores.ALL);
    KStream<String, Outcome<RetrievalOutput>> stateChanges =
        ConversationStateTopology.addTo(builder, topics, serdes, components);

    Map<String, KStream<String, Outcome<RetrievalOutput>>> branches =
        decisions
            .merge(stateChanges, Named.as("retrieval-merge-outputs"))
            .split(Named.as("retrieval-outcome-"))
            .branch((key, outcome) -> outcome.isOk(), Branched.as("ok"))
            .defaultBranch(Branched.as("dlq"));

    KStream<String, RetrievalOutput> ok =
        branches
            .get("retrieval-outcome-ok")
            .mapValues(Outcome::value, Named.as("retrieval-unwrap"));
    Topic<String, ConversationState> conversations = topics.conversations();
    ok.flatMapValues(RetrievalOutput::stateRecords, Named.as("retrieval-states"))
        .to(
            conversations.name(),
            Produced.with(serdes.keySerde(conversations), serdes.valueSerde(conversations))
                .withName("retrieval-write-conversations"));
    Topic<String, GenerateReply> requests = topics.generationRequests();
    ok.flatMapValues(RetrievalOutput::generationRequests, Named.as("retrieval-generation-requests"))
        .to(
            requests.name(),
            Produced.with(serdes.keySerde(requests), serdes.valueSerde(requests))
                .withName("retrieval-write-generation-requests"));
    Topic<String, ReplyGenerated> replies = topics.replies();
    ok.flatMapValues(RetrievalOutput::replies, Named.as("retrieval-direct-replies"))
        .to(
            replies.name(),
            Produced.with(serdes.keySerde(replies), serdes.valueSerde(replies))
                .withName("retrieval-write-replies"));
    Topic<String, HandoffRequested> handoffs = topics.handoffs();
    ok.flatMapValues(RetrievalOutput::handoffs, Named.as("retrieval-handoffs"))
        .to(
            handoffs.name(),
            Produced.with(serdes.keySerde(handoffs), serdes.valueSerde(handoffs))
                .withName("retrieval-write-handoffs"));

    Topic<String, ProcessingFailed> dlq = topics.dlq();
    branches
        .get("retrieval-outcome-dlq")
        .processValues(DeadLetterProcessor.supplier(SERVICE), Named.as("retrieval-dead-letter"))
        .to(
            dlq.name(),
            Produced.with(serdes.keySerde(dlq), serdes.valueSerde(dlq))
                .withName("retrieval-write-dlq"));
    return builder.build();
  }
}
