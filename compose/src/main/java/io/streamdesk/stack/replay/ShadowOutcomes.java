package io.streamdesk.stack.replay;

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
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
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
 * What the shadow pipeline made of each replayed message, read from the shadow topics as they fill
 * (read_committed, from the beginning: they are new): its classification, its reply (the first;
 * more are counted) or its dead letter. A reply or dead letter settles the message, which lets the
 * replay send that conversation's next turn.
 */
final class ShadowOutcomes implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ShadowOutcomes.class);

  /** The shadow side of one message. */
  static final class Outcome {
    private MessageClassified classified;
    private ReplyGenerated reply;
    private int replies;
    private ProcessingFailed deadLetter;

    synchronized Optional<MessageClassified> classified() {
      return Optional.ofNullable(classified);
    }

    synchronized Optional<ReplyGenerated> reply() {
      return Optional.ofNullable(reply);
    }

    synchronized int replies() {
      return replies;
    }

    synchronized Optional<ProcessingFailed> deadLetter() {
      return Optional.ofNullable(deadLetter);
    }
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topics shadow;
  private final Deserializer<MessageClassified> classifiedSerde;
  private final Deserializer<ReplyGenerated> replySerde;
  private final Deserializer<ProcessingFailed> dlqSerde;
  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
  private final Map<String, String> messageIdByInboundOffset = new ConcurrentHashMap<>();
  private final BlockingQueue<String> settled = new LinkedBlockingQueue<>();
  private final AtomicLong unreadable = new AtomicLong();
  private volatile boolean running = true;
  private Thread thread;

  ShadowOutcomes(Map<String, Object> clientProperties, Topics shadow, TopicSerdes serdes) {
    this.shadow = shadow;
    this.classifiedSerde = serdes.valueSerde(shadow.messagesClassified()).deserializer();
    this.replySerde = serdes.valueSerde(shadow.replies()).deserializer();
    this.dlqSerde = serdes.valueSerde(shadow.dlq()).deserializer();
    this.consumer =
        CommittedReads.consumer(
            clientProperties,
            "cs-replay-outcomes-",
            Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50));
  }

  ShadowOutcomes start() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic :
        List.of(shadow.messagesClassified().name(), shadow.replies().name(), shadow.dlq().name())) {
      List<TopicPartition> ofTopic = CommittedReads.partitions(consumer, topic);
      if (ofTopic.isEmpty()) {
        throw new IllegalStateException("shadow topic " + topic + " does not exist");
      }
      partitions.addAll(ofTopic);
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = Thread.ofPlatform().name("replay-outcomes").daemon().start(this::listen);
    return this;
  }

  /** Message ids as they settle (a reply or a dead letter), in arrival order. */
  BlockingQueue<String> settled() {
    return settled;
  }

  /** Where a message went on the shadow inbound topic, to match dead letters without an id. */
  void appended(String messageId, int partition, long offset) {
    messageIdByInboundOffset.put(partition + "@" + offset, messageId);
  }

  Outcome of(String messageId) {
    return outcomes.getOrDefault(messageId, new Outcome());
  }

  long unreadable() {
    return unreadable.get();
  }

  private void listen() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          try {
            accept(record);
          } catch (RuntimeException e) {
            unreadable.incrementAndGet();
            log.warn(
                "unreadable shadow record {}-{}@{}: {}",
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

  private void accept(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    if (topic.equals(shadow.messagesClassified().name())) {
      MessageClassified m = classifiedSerde.deserialize(topic, record.headers(), record.value());
      if (m != null) {
        Outcome o = outcome(m.getMessageId());
        synchronized (o) {
          if (o.classified == null) {
            o.classified = m;
          }
        }
      }
    } else if (topic.equals(shadow.replies().name())) {
      ReplyGenerated r = replySerde.deserialize(topic, record.headers(), record.value());
      if (r != null) {
        Outcome o = outcome(r.getInReplyTo());
        boolean first;
        synchronized (o) {
          o.replies++;
          first = o.reply == null && o.deadLetter == null;
          if (o.reply == null) {
            o.reply = r;
          }
        }
        if (first) {
          settled.add(r.getInReplyTo());
        }
      }
    } else {
      ProcessingFailed f = dlqSerde.deserialize(topic, record.headers(), record.value());
      if (f != null) {
        String id = f.getMessageId();
        if (id == null && shadow.messagesInbound().name().equals(f.getSourceTopic())) {
          id = messageIdByInboundOffset.get(f.getSourcePartition() + "@" + f.getSourceOffset());
        }
        if (id != null) {
          Outcome o = outcome(id);
          boolean first;
          synchronized (o) {
            first = o.reply == null && o.deadLetter == null;
            if (o.deadLetter == null) {
              o.deadLetter = f;
            }
          }
          if (first) {
            settled.add(id);
          }
        }
      }
    }
  }

  private Outcome outcome(String messageId) {
    return outcomes.computeIfAbsent(messageId, id -> new Outcome());
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
