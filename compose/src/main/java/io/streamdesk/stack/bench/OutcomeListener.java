package io.streamdesk.stack.bench;

import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.stack.access.CommittedReads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code cs.replies} and {@code cs.dlq} as the customers' side does: a read_committed
 * consumer (a reply counts once its transaction committed), assigned every partition from the end
 * as it was before the first message, and reports each record to the {@link OutcomeLedger} with the
 * time it was consumed. It also reads the intermediate topics {@code cs.messages.classified} and
 * {@code cs.generation.requests} the same way, so the report shows when a message became visible
 * after each exactly-once hop.
 */
final class OutcomeListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutcomeListener.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String repliesTopic;
  private final String dlqTopic;
  private final String inboundTopic;
  private final String classifiedTopic;
  private final String requestsTopic;
  private final Deserializer<MessageClassified> classified;
  private final Deserializer<GenerateReply> requests;
  private final Deserializer<ReplyGenerated> replies;
  private final Deserializer<ProcessingFailed> deadLetters;
  private final OutcomeLedger ledger;
  private final AtomicLong unreadable = new AtomicLong();
  private volatile boolean running = true;
  private Thread thread;

  OutcomeListener(
      Map<String, Object> clientProperties,
      Topics topics,
      TopicSerdes serdes,
      OutcomeLedger ledger) {
    this.repliesTopic = topics.replies().name();
    this.dlqTopic = topics.dlq().name();
    this.inboundTopic = topics.messagesInbound().name();
    this.classifiedTopic = topics.messagesClassified().name();
    this.requestsTopic = topics.generationRequests().name();
    this.classified = serdes.valueSerde(topics.messagesClassified()).deserializer();
    this.requests = serdes.valueSerde(topics.generationRequests()).deserializer();
    this.replies = serdes.valueSerde(topics.replies()).deserializer();
    this.deadLetters = serdes.valueSerde(topics.dlq()).deserializer();
    this.ledger = ledger;
    // Wake up soon after a transaction commits instead of waiting out the default 500 ms.
    this.consumer =
        CommittedReads.consumer(
            clientProperties,
            "cs-bench-outcomes-",
            Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
  }

  /** Assigns every partition at its current end (before any message is sent), then listens. */
  OutcomeListener start() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(repliesTopic, dlqTopic, classifiedTopic, requestsTopic)) {
      List<TopicPartition> ofTopic = CommittedReads.partitions(consumer, topic);
      if (ofTopic.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      partitions.addAll(ofTopic);
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolves the end offsets now
    thread = Thread.ofPlatform().name("bench-outcomes").daemon().start(this::listen);
    return this;
  }

  long unreadable() {
    return unreadable.get();
  }

  private void listen() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          long now = System.nanoTime();
          try {
            if (record.topic().equals(classifiedTopic)) {
              MessageClassified m =
                  classified.deserialize(record.topic(), record.headers(), record.value());
              if (m != null) {
                ledger.visible("classified", m.getMessageId(), now);
              }
            } else if (record.topic().equals(requestsTopic)) {
              GenerateReply g =
                  requests.deserialize(record.topic(), record.headers(), record.value());
              if (g != null) {
                ledger.visible("generation_request", g.getMessageId(), now);
              }
            } else if (record.topic().equals(repliesTopic)) {
              ReplyGenerated reply =
                  replies.deserialize(record.topic(), record.headers(), record.value());
              if (reply != null) {
                ledger.replied(reply, now);
              }
            } else {
              ProcessingFailed failure =
                  deadLetters.deserialize(record.topic(), record.headers(), record.value());
              if (failure != null) {
                boolean fromInbound = inboundTopic.equals(failure.getSourceTopic());
                ledger.deadLettered(
                    failure.getMessageId(),
                    fromInbound ? failure.getSourcePartition() : null,
                    fromInbound ? failure.getSourceOffset() : null,
                    now);
              }
            }
          } catch (RuntimeException e) {
            unreadable.incrementAndGet();
            log.warn(
                "unreadable record {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                e.toString());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread == null) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
