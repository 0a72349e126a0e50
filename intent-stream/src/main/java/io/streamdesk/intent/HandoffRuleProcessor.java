package io.streamdesk.intent;

import io.streamdesk.runtime.dlq.Outcome;
import io.streamdesk.schemas.events.HandoffRequested;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Applies the {@link HandoffDecider} to each analysed message with the conversation's {@link
 * ConversationMemory} from the {@value IntentTopology#MEMORY_STORE} store (in memory, changelogged,
 * keyed by conversationId), and turns it into the {@link IntentResult} to publish. Business
 * failures from the analysis pass through untouched.
 *
 * <p>The store stays bounded: a stream-time punctuation every {@link HandoffRules#sweepInterval()}
 * deletes conversations idle for longer than {@link HandoffRules#memoryTtl()}. Stream time, not
 * wall-clock time, so that a replay of old traffic remembers exactly what the live run remembered.
 */
final class HandoffRuleProcessor
    implements FixedKeyProcessor<String, Outcome<AnalysedMessage>, Outcome<IntentResult>> {

  private final HandoffDecider decider;
  private FixedKeyProcessorContext<String, Outcome<IntentResult>> context;
  private KeyValueStore<String, ConversationMemory> memories;

  private HandoffRuleProcessor(HandoffDecider decider) {
    this.decider = decider;
  }

  /** The processor with its store, for {@code processValues}. */
  static FixedKeyProcessorSupplier<String, Outcome<AnalysedMessage>, Outcome<IntentResult>>
      supplier(HandoffRules rules) {
    HandoffDecider decider = new HandoffDecider(rules);
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<String, Outcome<AnalysedMessage>, Outcome<IntentResult>> get() {
        return new HandoffRuleProcessor(decider);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(storeBuilder());
      }
    };
  }

  /**
   * The conversation memory store: in memory, changelogged (compacted) and restored from the
   * changelog on start. The TTL sweep bounds it to the conversations active within the TTL, a few
   * masked turns each (about 1 KiB per conversation), so it fits in memory, and the hot path makes
   * no RocksDB calls. Switch to {@code persistentKeyValueStore} if millions of conversations are
   * active within one TTL per instance.
   */
  static StoreBuilder<KeyValueStore<String, ConversationMemory>> storeBuilder() {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(IntentTopology.MEMORY_STORE),
            Serdes.String(),
            new ConversationMemorySerde())
        .withLoggingEnabled(java.util.Map.of());
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Outcome<IntentResult>> context) {
    this.context = context;
    this.memories = context.getStateStore(IntentTopology.MEMORY_STORE);
    context.schedule(
        decider.rules().sweepInterval(), PunctuationType.STREAM_TIME, this::sweepExpired);
  }

  @Override
  public void process(FixedKeyRecord<String, Outcome<AnalysedMessage>> record) {
    Outcome<AnalysedMessage> outcome = record.value();
    if (!(outcome instanceof Outcome.Ok<AnalysedMessage> ok)) {
      // Dlq (and Handoff, which the analysis never returns) pass through unchanged.
      context.forward(record.withValue(outcome.map(unused -> (IntentResult) null)));
      return;
    }
    AnalysedMessage message = ok.value();
    String conversation = record.key();
    HandoffDecider.Decision decision =
        decider.decide(message, memories.get(conversation), record.timestamp());
    memories.put(conversation, decision.memory());

    Optional<HandoffRequested> handoff =
        decision
            .handoff()
            .map(
                h ->
                    IntentEvents.handoff(
                        message,
                        h,
                        decision.memory(),
                        Instant.ofEpochMilli(context.currentSystemTimeMs())));
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - message.startedNanos());
    IntentResult result =
        new IntentResult(IntentEvents.classified(message, decision.handoff(), elapsed), handoff);
    context.forward(record.withValue(Outcome.ok(result)));
  }

  private void sweepExpired(long streamTime) {
    long ttl = decider.rules().memoryTtl().toMillis();
    try (KeyValueIterator<String, ConversationMemory> all = memories.all()) {
      while (all.hasNext()) {
        KeyValue<String, ConversationMemory> entry = all.next();
        if (entry.value == null || entry.value.expiredAt(streamTime, ttl)) {
          memories.delete(entry.key);
        }
      }
    }
  }
}
