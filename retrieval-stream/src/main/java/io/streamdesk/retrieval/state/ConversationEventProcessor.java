package io.streamdesk.retrieval.state;

import io.streamdesk.retrieval.RetrievalMetrics;
import io.streamdesk.retrieval.RetrievalOutput;
import io.streamdesk.retrieval.cache.CacheSettings;
import io.streamdesk.retrieval.cache.CachedAnswer;
import io.streamdesk.retrieval.cache.PendingAnswer;
import io.streamdesk.retrieval.cache.QuestionKey;
import io.streamdesk.retrieval.search.FollowUpContext;
import io.streamdesk.retrieval.search.KbVersionTracker;
import io.streamdesk.runtime.dlq.Outcome;
import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies replies and handoffs to their conversation's state ({@link ConversationLedger}), fills
 * the answer cache from generated replies, and, on a wall-clock punctuation every {@link
 * StateSettings#sweepInterval()}, closes idle conversations, deletes closed ones past their
 * retention (a tombstone on {@code cs.conversations}) and purges expired or outdated cached
 * answers. Emits a {@link RetrievalOutput} per state change.
 *
 * <p>A reply fills the cache only when the question it answers was registered as cacheable when its
 * generation was requested (a KB intent, not a follow-up, no PII or order number, an FAQ row among
 * the passages), it is an ANSWER that is not itself from the cache, and it cites one of those FAQ
 * rows.
 */
public final class ConversationEventProcessor
    implements Processor<String, ConversationEvent, String, Outcome<RetrievalOutput>> {

  private static final Logger log = LoggerFactory.getLogger(ConversationEventProcessor.class);
  static final String NULL_VALUE = "NULL_VALUE";
  static final String KEY_MISMATCH = "KEY_MISMATCH";

  private final ConversationLedger ledger;
  private final CacheSettings cache;
  private final KbVersionTracker kbVersion;
  private final RetrievalMetrics metrics;
  private ProcessorContext<String, Outcome<RetrievalOutput>> context;
  private KeyValueStore<String, ConversationState> conversations;
  private KeyValueStore<String, FollowUpContext> followUps;
  private KeyValueStore<String, CachedAnswer> answers;
  private KeyValueStore<String, PendingAnswer> pending;

  ConversationEventProcessor(
      ConversationLedger ledger,
      CacheSettings cache,
      KbVersionTracker kbVersion,
      RetrievalMetrics metrics) {
    this.ledger = ledger;
    this.cache = cache;
    this.kbVersion = kbVersion;
    this.metrics = metrics;
  }

  public static ProcessorSupplier<String, ConversationEvent, String, Outcome<RetrievalOutput>>
      supplier(
          ConversationLedger ledger,
          CacheSettings cache,
          KbVersionTracker kbVersion,
          RetrievalMetrics metrics) {
    return () -> new ConversationEventProcessor(ledger, cache, kbVersion, metrics);
  }

  @Override
  public void init(ProcessorContext<String, Outcome<RetrievalOutput>> context) {
    this.context = context;
    this.conversations = context.getStateStore(RetrievalStores.CONVERSATIONS);
    this.followUps = context.getStateStore(RetrievalStores.FOLLOW_UPS);
    this.answers = context.getStateStore(RetrievalStores.ANSWER_CACHE);
    this.pending = context.getStateStore(RetrievalStores.PENDING_ANSWERS);
    context.schedule(
        ledger.settings().sweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, ConversationEvent> record) {
    ConversationEvent event = record.value();
    if (event == null || event.isEmpty()) {
      context.forward(
          record.withValue(Outcome.dlq(NULL_VALUE, "the record has a key but no value")));
      return;
    }
    if (record.key() == null || !record.key().equals(event.conversationId())) {
      context.forward(
          record.withValue(
              Outcome.dlq(
                  KEY_MISMATCH,
                  "record key '"
                      + record.key()
                      + "' is not the event's conversationId '"
                      + event.conversationId()
                      + "'",
                  event instanceof ConversationEvent.Reply r ? r.reply() : null)));
      return;
    }
    long now = context.currentSystemTimeMs();
    ConversationState before = conversations.get(record.key());
    ConversationState after =
        switch (event) {
          case ConversationEvent.Reply r -> {
            fillCache(r.reply(), now);
            yield ledger.onReply(before, r.reply(), now);
          }
          case ConversationEvent.Handoff h -> ledger.onHandoff(before, h.handoff(), now);
        };
    conversations.put(record.key(), after);
    context.forward(record.withValue(Outcome.ok(RetrievalOutput.state(after))));
  }

  private void fillCache(ReplyGenerated reply, long now) {
    PendingAnswer question = pending.get(reply.getInReplyTo());
    if (question == null) {
      return;
    }
    pending.delete(reply.getInReplyTo());
    boolean citesFaq =
        reply.getCitations().stream()
            .anyMatch(c -> question.faqPassageIds().contains(c.getPassageId()));
    if (reply.getAction() != ReplyAction.ANSWER || reply.getCached() || !citesFaq) {
      return;
    }
    long version = reply.getKbVersion() == null ? question.kbVersion() : reply.getKbVersion();
    if (version != question.kbVersion()) {
      return; // answered from another KB version than the key names
    }
    answers.put(
        question.cacheKey(),
        new CachedAnswer(
            reply.getText(),
            reply.getCitations().stream()
                .map(
                    c ->
                        new CachedAnswer.CachedCitation(
                            c.getPassageId(),
                            c.getDocumentId(),
                            c.getTitle(),
                            c.getSource(),
                            c.getKbVersion()))
                .toList(),
            reply.getModel(),
            reply.getPromptVersion(),
            version,
            now));
    metrics.cacheFilled();
  }

  /** The wall-clock sweep: idle conversations, expired ones, stale cache entries. */
  void sweep(long now) {
    List<KeyValue<String, ConversationState>> due = new ArrayList<>();
    try (KeyValueIterator<String, ConversationState> all = conversations.all()) {
      while (all.hasNext()) {
        KeyValue<String, ConversationState> kv = all.next();
        if (ledger.isIdle(kv.value, now) || ledger.isExpired(kv.value, now)) {
          due.add(kv);
        }
      }
    }
    int closed = 0;
    for (KeyValue<String, ConversationState> kv : due) {
      followUps.delete(kv.key);
      if (ledger.isExpired(kv.value, now)) {
        conversations.delete(kv.key);
        context.forward(new Record<>(kv.key, Outcome.ok(RetrievalOutput.deletion()), now));
      } else {
        ConversationState closedState = ledger.close(kv.value);
        conversations.put(kv.key, closedState);
        context.forward(new Record<>(kv.key, Outcome.ok(RetrievalOutput.state(closedState)), now));
        closed++;
      }
    }
    if (closed > 0) {
      metrics.conversationsClosed(closed);
    }
    purgeCache(now);
  }

  private void purgeCache(long now) {
    long current;
    try {
      current = kbVersion.current();
    } catch (RuntimeException e) {
      // A remote index that cannot be reached now: outdated answers are never hit anyway (the KB
      // version is part of the key); purge them at the next sweep.
      log.warn("answer cache: KB version unavailable, purge skipped: {}", e.toString());
      current = 0;
    }
    List<String> stale = new ArrayList<>();
    try (KeyValueIterator<String, CachedAnswer> all = answers.all()) {
      while (all.hasNext()) {
        KeyValue<String, CachedAnswer> kv = all.next();
        if (now - kv.value.cachedAt() >= cache.ttl().toMillis()
            || QuestionKey.kbVersionOf(kv.key) < current) {
          stale.add(kv.key);
        }
      }
    }
    stale.forEach(answers::delete);
    List<String> abandoned = new ArrayList<>();
    try (KeyValueIterator<String, PendingAnswer> all = pending.all()) {
      while (all.hasNext()) {
        KeyValue<String, PendingAnswer> kv = all.next();
        if (now - kv.value.createdAt() >= cache.ttl().toMillis()) {
          abandoned.add(kv.key);
        }
      }
    }
    abandoned.forEach(pending::delete);
    if (!stale.isEmpty() || !abandoned.isEmpty()) {
      log.debug(
          "answer cache: {} stale answers, {} abandoned questions purged",
          stale.size(),
          abandoned.size());
    }
  }
}
