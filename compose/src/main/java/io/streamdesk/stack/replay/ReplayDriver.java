package io.streamdesk.stack.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the replayed messages to the shadow inbound topic conversation by conversation, as the
 * customers did: a conversation's next message goes out only once the shadow pipeline settled the
 * previous one (reply or dead letter), so follow-ups meet the conversation state they met
 * originally (the previous answer included). Up to {@code parallel} conversations run at once. Each
 * record is re-sent byte for byte (key, value, headers) to the same partition, stamped with the
 * send time; a message not settled within the timeout is left behind and its conversation goes on.
 */
final class ReplayDriver {

  private static final Logger log = LoggerFactory.getLogger(ReplayDriver.class);

  /** When a replayed message was handed to the shadow pipeline, epoch ms. */
  record Sent(long atMillis) {}

  private final Producer<byte[], byte[]> producer;
  private final String shadowInbound;
  private final ShadowOutcomes outcomes;
  private final int parallel;
  private final Duration messageTimeout;

  ReplayDriver(
      Producer<byte[], byte[]> producer,
      String shadowInbound,
      ShadowOutcomes outcomes,
      int parallel,
      Duration messageTimeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.shadowInbound = Objects.requireNonNull(shadowInbound, "shadowInbound");
    this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel conversations must be >= 1, got " + parallel);
    }
    this.parallel = parallel;
    this.messageTimeout = Objects.requireNonNull(messageTimeout, "messageTimeout");
  }

  /**
   * Replays {@code messages} (source order) and returns when every one is settled or timed out.
   *
   * @return the send time of every message sent, by message id
   */
  Map<String, Sent> run(List<SourceMessage> messages, Set<String> timedOut)
      throws InterruptedException {
    Map<String, Deque<SourceMessage>> conversations = new LinkedHashMap<>();
    for (SourceMessage m : messages) {
      conversations.computeIfAbsent(m.conversationId(), c -> new ArrayDeque<>()).add(m);
    }
    Map<String, Sent> sent = new ConcurrentHashMap<>();
    Map<String, String> conversationOf = new HashMap<>();
    Map<String, Long> deadlines = new HashMap<>();
    Set<String> inFlight = new HashSet<>();
    Iterator<String> waiting = conversations.keySet().iterator();
    int done = 0;
    long lastLog = System.nanoTime();
    while (waiting.hasNext() || !inFlight.isEmpty()) {
      while (inFlight.size() < parallel && waiting.hasNext()) {
        sendNext(waiting.next(), conversations, sent, conversationOf, deadlines, inFlight);
      }
      List<String> settled = new ArrayList<>();
      String first = outcomes.settled().poll(100, TimeUnit.MILLISECONDS);
      if (first != null) {
        settled.add(first);
        outcomes.settled().drainTo(settled);
      }
      for (String id : settled) {
        if (inFlight.remove(id)) {
          done++;
          deadlines.remove(id);
          sendNext(
              conversationOf.get(id), conversations, sent, conversationOf, deadlines, inFlight);
        }
      }
      long now = System.nanoTime();
      for (String id : List.copyOf(inFlight)) {
        if (now > deadlines.get(id)) {
          log.warn("message {}: no shadow outcome within {}; going on", id, messageTimeout);
          inFlight.remove(id);
          deadlines.remove(id);
          timedOut.add(id);
          done++;
          sendNext(
              conversationOf.get(id), conversations, sent, conversationOf, deadlines, inFlight);
        }
      }
      if (now - lastLog > TimeUnit.SECONDS.toNanos(10)) {
        log.info("replayed {} of {} messages", done, messages.size());
        lastLog = now;
      }
    }
    producer.flush();
    return sent;
  }

  private void sendNext(
      String conversationId,
      Map<String, Deque<SourceMessage>> conversations,
      Map<String, Sent> sent,
      Map<String, String> conversationOf,
      Map<String, Long> deadlines,
      Set<String> inFlight) {
    SourceMessage m = conversations.get(conversationId).poll();
    if (m == null) {
      return;
    }
    // The send time becomes the record timestamp: the shadow pipeline runs in the present (its
    // state expiry and deadlines are wall-clock); receivedAt in the value keeps the original time.
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            shadowInbound, m.partition(), null, m.key(), m.value(), Arrays.asList(m.headers()));
    sent.put(m.messageId(), new Sent(System.currentTimeMillis()));
    conversationOf.put(m.messageId(), conversationId);
    deadlines.put(m.messageId(), System.nanoTime() + messageTimeout.toNanos());
    inFlight.add(m.messageId());
    producer.send(
        record,
        (metadata, error) -> {
          if (error != null) {
            log.warn("message {}: not sent to the shadow pipeline: {}", m.messageId(), error);
          } else {
            outcomes.appended(m.messageId(), metadata.partition(), metadata.offset());
          }
        });
  }
}
