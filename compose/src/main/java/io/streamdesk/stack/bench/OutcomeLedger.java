package io.streamdesk.stack.bench;

import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.stack.bench.ConversationSlots.Message;
import io.streamdesk.stack.bench.ConversationSlots.Slot;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What became of every message the benchmark sent: its replies on {@code cs.replies} (by {@code
 * inReplyTo}) or its dead letter on {@code cs.dlq}. The first outcome of a message frees its
 * customer for the next turn; a second reply is a duplicate. Only messages sent in the measured
 * window are counted and timed. Thread-safe: the load thread sends, the listener thread reports.
 */
final class OutcomeLedger {

  private static final class Entry {
    final Message message;
    final long sentNanos;
    final boolean measured;
    final AtomicInteger replies = new AtomicInteger();
    final AtomicBoolean settled = new AtomicBoolean();
    final AtomicBoolean released = new AtomicBoolean();
    final Map<String, Boolean> hopsSeen = new ConcurrentHashMap<>();

    Entry(Message message, long sentNanos, boolean measured) {
      this.message = message;
      this.sentNanos = sentNanos;
      this.measured = measured;
    }
  }

  private final Consumer<Slot> release;
  private final Map<String, Entry> byMessageId = new ConcurrentHashMap<>();
  private final Map<String, String> messageIdByOffset = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Entry> unreleased = new ConcurrentLinkedQueue<>();
  private final LatencyStats endToEnd = new LatencyStats();
  private final Map<String, LatencyStats> stages = new ConcurrentHashMap<>();
  private final Map<String, LatencyStats> hops = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> actions = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong warmupSent = new AtomicLong();
  private final AtomicLong replied = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong sendFailures = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private final AtomicLong foreign = new AtomicLong();
  private final AtomicLong firstMeasuredSend = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastMeasuredOutcome = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param release called once per message, with its customer, when its first outcome arrives (or
   *     it times out)
   */
  OutcomeLedger(Consumer<Slot> release) {
    this.release = Objects.requireNonNull(release, "release");
  }

  void sent(Message message, long nanos, boolean measured) {
    Entry entry = new Entry(message, nanos, measured);
    byMessageId.put(message.messageId(), entry);
    unreleased.add(entry);
    if (measured) {
      sent.incrementAndGet();
      firstMeasuredSend.accumulateAndGet(nanos, Math::min);
    } else {
      warmupSent.incrementAndGet();
    }
  }

  /** Where the broker put it, so a dead letter without a readable message id still matches. */
  void appended(String messageId, int partition, long offset) {
    messageIdByOffset.put(partition + "@" + offset, messageId);
  }

  /** The producer gave up on it: it frees its customer and counts as lost. */
  void sendFailed(String messageId) {
    sendFailures.incrementAndGet();
    Entry entry = byMessageId.get(messageId);
    if (entry != null) {
      free(entry);
    }
  }

  void replied(ReplyGenerated reply, long nanos) {
    Entry entry = byMessageId.get(reply.getInReplyTo());
    if (entry == null) {
      foreign.incrementAndGet();
      return;
    }
    if (entry.replies.incrementAndGet() > 1) {
      duplicates.incrementAndGet();
      return;
    }
    if (entry.settled.compareAndSet(false, true) && entry.measured) {
      replied.incrementAndGet();
      endToEnd.recordNanos(nanos - entry.sentNanos);
      reply
          .getTimings()
          .forEach(
              (stage, millis) ->
                  stages.computeIfAbsent(stage, s -> new LatencyStats()).recordMillis(millis));
      actions.computeIfAbsent(reply.getAction().name(), a -> new AtomicLong()).incrementAndGet();
      lastMeasuredOutcome.accumulateAndGet(nanos, Math::max);
    }
    free(entry);
  }

  /**
   * A dead letter for a message of this run, found by its message id or, failing that, by the
   * inbound partition and offset it names.
   */
  void deadLettered(String messageId, Integer partition, Long offset, long nanos) {
    String id = messageId;
    if ((id == null || !byMessageId.containsKey(id)) && partition != null && offset != null) {
      id = messageIdByOffset.get(partition + "@" + offset);
    }
    Entry entry = id == null ? null : byMessageId.get(id);
    if (entry == null) {
      foreign.incrementAndGet();
      return;
    }
    if (entry.settled.compareAndSet(false, true) && entry.measured) {
      deadLettered.incrementAndGet();
      lastMeasuredOutcome.accumulateAndGet(nanos, Math::max);
    }
    free(entry);
  }

  /**
   * The message became visible (committed) on an intermediate topic: time from its send to there.
   * Only the first sighting per hop of a measured message counts.
   */
  void visible(String hop, String messageId, long nanos) {
    Entry entry = byMessageId.get(messageId);
    if (entry != null && entry.measured && entry.hopsSeen.putIfAbsent(hop, Boolean.TRUE) == null) {
      hops.computeIfAbsent(hop, h -> new LatencyStats()).recordNanos(nanos - entry.sentNanos);
    }
  }

  /** Frees the customers of messages without an outcome after {@code timeoutNanos}. */
  void sweep(long now, long timeoutNanos) {
    Entry head;
    while ((head = unreleased.peek()) != null) {
      if (head.released.get()) {
        unreleased.poll();
      } else if (now - head.sentNanos > timeoutNanos) {
        unreleased.poll();
        timedOut.incrementAndGet();
        free(head);
      } else {
        return;
      }
    }
  }

  private void free(Entry entry) {
    if (entry.released.compareAndSet(false, true)) {
      release.accept(entry.message.slot());
    }
  }

  /** Measured messages still without an outcome. */
  long outstanding() {
    return sent.get() - replied.get() - deadLettered.get();
  }

  long sent() {
    return sent.get();
  }

  long warmupSent() {
    return warmupSent.get();
  }

  long replied() {
    return replied.get();
  }

  long deadLettered() {
    return deadLettered.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  long sendFailures() {
    return sendFailures.get();
  }

  long timedOut() {
    return timedOut.get();
  }

  long foreign() {
    return foreign.get();
  }

  /** Seconds from the first measured send to the last measured outcome. */
  double measuredSpanSeconds() {
    long first = firstMeasuredSend.get();
    long last = lastMeasuredOutcome.get();
    return first == Long.MAX_VALUE || last <= first ? 0 : (last - first) / 1e9;
  }

  LatencyStats endToEnd() {
    return endToEnd;
  }

  Map<String, LatencyStats> stages() {
    return new TreeMap<>(stages);
  }

  Map<String, LatencyStats> hops() {
    return new TreeMap<>(hops);
  }

  Map<String, Long> actions() {
    Map<String, Long> counts = new TreeMap<>();
    actions.forEach((action, n) -> counts.put(action, n.get()));
    return counts;
  }
}
