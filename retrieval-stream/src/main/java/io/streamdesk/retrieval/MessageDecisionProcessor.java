package io.streamdesk.retrieval;

import io.streamdesk.retrieval.cache.CachedAnswer;
import io.streamdesk.retrieval.cache.PendingAnswer;
import io.streamdesk.retrieval.decision.DecisionResult;
import io.streamdesk.retrieval.decision.RetrievalDecider;
import io.streamdesk.retrieval.search.FollowUpContext;
import io.streamdesk.retrieval.state.ConversationLedger;
import io.streamdesk.retrieval.state.RetrievalStores;
import io.streamdesk.runtime.dlq.Outcome;
import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.MessageClassified;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The join of a classified message with its conversation: reads the conversation's state as it was
 * before the message (the previous turns, the unanswered streak) and its last search, decides
 * ({@link RetrievalDecider}), then records the customer turn in the same step. A conversation's
 * messages are processed one after another in one task, so a follow-up always sees the state its
 * previous message left, whether or not that message's reply has arrived yet (a reply arriving
 * later only adds to the history). Emits one {@link RetrievalOutput} (new state and the decision)
 * per message, or a dead letter for a record that is no message of its key's conversation.
 */
final class MessageDecisionProcessor
    implements FixedKeyProcessor<String, MessageClassified, Outcome<RetrievalOutput>> {

  static final String NULL_VALUE = "NULL_VALUE";
  static final String MISSING_KEY = "MISSING_KEY";
  static final String KEY_MISMATCH = "KEY_MISMATCH";

  private final RetrievalDecider decider;
  private final ConversationLedger ledger;
  private FixedKeyProcessorContext<String, Outcome<RetrievalOutput>> context;
  private KeyValueStore<String, ConversationState> conversations;
  private KeyValueStore<String, FollowUpContext> followUps;
  private KeyValueStore<String, CachedAnswer> answers;
  private KeyValueStore<String, PendingAnswer> pending;

  private MessageDecisionProcessor(RetrievalDecider decider, ConversationLedger ledger) {
    this.decider = decider;
    this.ledger = ledger;
  }

  static FixedKeyProcessorSupplier<String, MessageClassified, Outcome<RetrievalOutput>> supplier(
      RetrievalDecider decider, ConversationLedger ledger) {
    return () -> new MessageDecisionProcessor(decider, ledger);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Outcome<RetrievalOutput>> context) {
    this.context = context;
    this.conversations = context.getStateStore(RetrievalStores.CONVERSATIONS);
    this.followUps = context.getStateStore(RetrievalStores.FOLLOW_UPS);
    this.answers = context.getStateStore(RetrievalStores.ANSWER_CACHE);
    this.pending = context.getStateStore(RetrievalStores.PENDING_ANSWERS);
  }

  @Override
  public void process(FixedKeyRecord<String, MessageClassified> record) {
    MessageClassified m = record.value();
    String key = record.key();
    if (m == null) {
      context.forward(
          record.withValue(Outcome.dlq(NULL_VALUE, "the record has a key but no message")));
      return;
    }
    if (key == null) {
      context.forward(
          record.withValue(
              Outcome.dlq(
                  MISSING_KEY,
                  "the record has no key; cs.messages.classified is keyed by conversationId",
                  m)));
      return;
    }
    if (!key.equals(m.getConversationId())) {
      context.forward(
          record.withValue(
              Outcome.dlq(
                  KEY_MISMATCH,
                  "record key '"
                      + key
                      + "' is not the message's conversationId '"
                      + m.getConversationId()
                      + "'; its conversation's state lives under the conversationId",
                  m)));
      return;
    }
    long now = context.currentSystemTimeMs();
    ConversationState before = conversations.get(key);
    DecisionResult result = decider.decide(m, before, followUps.get(key), answers::get, now);
    ConversationState after = ledger.onCustomerMessage(before, m, result.effect(), now);
    conversations.put(key, after);
    if (result.context() != null) {
      followUps.put(key, result.context());
    }
    if (result.pending() != null) {
      pending.put(m.getMessageId(), result.pending());
    }
    context.forward(
        record.withValue(Outcome.ok(new RetrievalOutput(after, false, result.decision()))));
  }
}
