package io.streamdesk.intent;

import io.streamdesk.runtime.dlq.DeadLetterProcessor;
import io.streamdesk.runtime.dlq.Outcome;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ProcessingFailed;
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
 * The intent stream: {@code cs.messages.inbound} to {@code cs.messages.classified}, plus {@code
 * cs.handoffs} and {@code cs.dlq}. For every inbound message exactly one of: a MessageClassified
 * (masked text, language, one embedding with its model id, intent, confidence, top-3 candidates,
 * policy hits, PII types, handoff reason, timings["intent"]), or a dead letter. A message that
 * fires a handoff rule also produces one HandoffRequested. All keyed by conversationId, so a
 * conversation stays ordered on one partition.
 *
 * <pre>
 * intent-read-inbound -> intent-analyse (text pipeline, language, embed, classify)
 *   -> intent-handoff-rules [intent-conversation-memory]
 *   -> intent-outcome-ok  -> intent-classified -> intent-write-classified
 *                         -> intent-handoffs   -> intent-write-handoffs
 *   -> intent-outcome-dlq -> intent-dead-letter -> intent-write-dlq
 * </pre>
 *
 * Records that cannot be read, or whose processing throws, reach {@code cs.dlq} through the
 * runtime's Streams exception handlers; business failures (no key, key not the conversation id,
 * empty text) as {@link Outcome.Dlq}. Pure: builds a {@link Topology}, never a KafkaStreams.
 */
public final class IntentTopology {

  /** The service name: base of the application id and the stage of its dead letters. */
  public static final String SERVICE = "intent-stream";

  /** Per-conversation memory of the handoff rules (changelogged, bounded by a TTL sweep). */
  public static final String MEMORY_STORE = "intent-conversation-memory";

  /** Dead-letter code of a record without a key. */
  public static final String MISSING_KEY = "MISSING_KEY";

  /** Dead-letter code of a record keyed by something else than its conversation id. */
  public static final String KEY_MISMATCH = "KEY_MISMATCH";

  /** Dead-letter code of a record without a value. */
  public static final String NULL_VALUE = "NULL_VALUE";

  private IntentTopology() {}

  /**
   * The topology.
   *
   * @param topics the catalogue (names, prefix)
   * @param serdes serdes of the service's registry
   * @param analyzer the stateless steps (text pipeline, language, encoder, classifier)
   * @param rules handoff rule settings
   */
  public static Topology build(
      Topics topics, TopicSerdes serdes, IntentAnalyzer analyzer, HandoffRules rules) {
    Objects.requireNonNull(analyzer, "analyzer");
    Objects.requireNonNull(rules, "rules");
    Topic<String, CustomerMessageReceived> inbound = topics.messagesInbound();
    Topic<String, MessageClassified> classified = topics.messagesClassified();
    Topic<String, HandoffRequested> handoffs = topics.handoffs();
    Topic<String, ProcessingFailed> dlq = topics.dlq();
    StreamsBuilder builder = new StreamsBuilder();

    KStream<String, Outcome<IntentResult>> outcomes =
        builder.stream(
                inbound.name(),
                Consumed.with(serdes.keySerde(inbound), serdes.valueSerde(inbound))
                    .withName("intent-read-inbound"))
            .mapValues(
                (key, message) -> analyse(analyzer, key, message), Named.as("intent-analyse"))
            .processValues(HandoffRuleProcessor.supplier(rules), Named.as("intent-handoff-rules"));

    Map<String, KStream<String, Outcome<IntentResult>>> branches =
        outcomes
            .split(Named.as("intent-outcome-"))
            .branch((key, outcome) -> outcome.isOk(), Branched.as("ok"))
            .defaultBranch(Branched.as("dlq"));

    KStream<String, IntentResult> ok =
        branches.get("intent-outcome-ok").mapValues(Outcome::value, Named.as("intent-unwrap"));
    ok.mapValues(IntentResult::classified, Named.as("intent-classified"))
        .to(
            classified.name(),
            Produced.with(serdes.keySerde(classified), serdes.valueSerde(classified))
                .withName("intent-write-classified"));
    ok.flatMapValues(IntentResult::handoffs, Named.as("intent-handoffs"))
        .to(
            handoffs.name(),
            Produced.with(serdes.keySerde(handoffs), serdes.valueSerde(handoffs))
                .withName("intent-write-handoffs"));

    branches
        .get("intent-outcome-dlq")
        .processValues(DeadLetterProcessor.supplier(SERVICE), Named.as("intent-dead-letter"))
        .to(
            dlq.name(),
            Produced.with(serdes.keySerde(dlq), serdes.valueSerde(dlq))
                .withName("intent-write-dlq"));
    return builder.build();
  }

  /** Checks the envelope (the key must be the conversation id), then runs the analysis. */
  static Outcome<AnalysedMessage> analyse(
      IntentAnalyzer analyzer, String key, CustomerMessageReceived message) {
    if (message == null) {
      return Outcome.dlq(NULL_VALUE, "the record has a key but no message");
    }
    if (key == null) {
      return Outcome.dlq(
          MISSING_KEY,
          "the record has no key; cs.messages.inbound is keyed by conversationId",
          message);
    }
    if (!key.equals(message.getConversationId())) {
      return Outcome.dlq(
          KEY_MISMATCH,
          "record key '"
              + key
              + "' is not the message's conversationId '"
              + message.getConversationId()
              + "'; the conversation would lose its order and memory",
          message);
    }
    return analyzer.analyse(message);
  }
}
