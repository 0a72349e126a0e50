package io.streamdesk.stack.bench;

import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.stack.bench.ConversationSlots.Message;
import io.streamdesk.stack.bench.ConversationSlots.Slot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends the customers' messages to {@code cs.messages.inbound} at a target rate, each customer
 * closed-loop: a customer's next turn goes out only after the previous one got its reply (or dead
 * letter, or timed out), as a real customer waits for the answer before the follow-up. The rate
 * comes from many customers in parallel: every 1/rate seconds the customer that has waited longest
 * for its turn sends. When no customer is free (the pipeline holds every conversation's turn) the
 * send waits, so an overloaded pipeline shows as an achieved rate below the target rather than as
 * an unbounded queue; missed send slots are not made up in a burst (at most one interval of
 * catch-up). Rate 0 sends whenever a customer is free (closed-loop saturation: the pipeline's
 * maximum throughput with that many conversations in flight).
 */
final class LoadDriver {

  private static final long SWEEP_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final Producer<String, CustomerMessageReceived> producer;
  private final String topic;
  private final String runId;
  private final OutcomeLedger ledger;
  private final LinkedBlockingQueue<Slot> free;
  private final long timeoutNanos;

  /**
   * @param ledger the ledger whose release callback puts customers back into {@code free}
   * @param free customers ready to send their next turn, longest-waiting first
   * @param messageTimeout how long a customer waits for an outcome before going on anyway
   */
  LoadDriver(
      Producer<String, CustomerMessageReceived> producer,
      String topic,
      String runId,
      OutcomeLedger ledger,
      LinkedBlockingQueue<Slot> free,
      Duration messageTimeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.runId = runId;
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.free = Objects.requireNonNull(free, "free");
    this.timeoutNanos = messageTimeout.toNanos();
  }

  /**
   * Sends for {@code warmup + measured}; messages sent after the warm-up are the measured ones.
   *
   * @param rate messages per second, 0 for closed-loop saturation
   */
  void run(double rate, Duration warmup, Duration measured) throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + measured.toNanos();
    long interval = rate > 0 ? (long) (TimeUnit.SECONDS.toNanos(1) / rate) : 0;
    long nextSend = start;
    long nextSweep = start;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        return;
      }
      if (now >= nextSweep) {
        ledger.sweep(now, timeoutNanos);
        nextSweep = now + SWEEP_EVERY_NANOS;
      }
      if (interval > 0 && now < nextSend) {
        LockSupport.parkNanos(Math.min(nextSend - now, end - now));
        continue;
      }
      Slot slot = free.poll(Math.min(SWEEP_EVERY_NANOS, end - now), TimeUnit.NANOSECONDS);
      if (slot == null) {
        continue;
      }
      long sentAt = System.nanoTime();
      send(slot.next(), sentAt, sentAt >= measureFrom);
      if (interval > 0) {
        nextSend = Math.max(nextSend + interval, sentAt - interval);
      }
    }
  }

  private void send(Message m, long sentAt, boolean measured) {
    CustomerMessageReceived value =
        CustomerMessageReceived.newBuilder()
            .setMessageId(m.messageId())
            .setConversationId(m.conversationId())
            .setChannel("bench")
            .setCustomerId("bench-customer-" + m.slot().index())
            .setText(m.text())
            .setLocale(m.locale())
            .setReceivedAt(Instant.now())
            .setMetadata(Map.of("bench.run", runId, "bench.turn", Integer.toString(m.turn())))
            .build();
    ledger.sent(m, sentAt, measured);
    producer.send(
        new ProducerRecord<>(topic, m.conversationId(), value),
        (metadata, error) -> {
          if (error != null) {
            ledger.sendFailed(m.messageId());
          } else {
            ledger.appended(m.messageId(), metadata.partition(), metadata.offset());
          }
        });
  }
}
