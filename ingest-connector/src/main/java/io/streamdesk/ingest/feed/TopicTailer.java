package io.streamdesk.ingest.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.runtime.ops.Health;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of some topics, without a consumer group: manual assignment, no offset
 * commits, starting {@code lookback} ago (or at the end). Every connector replica runs its own, so
 * each sees every reply and can serve any conversation; nothing is shared or rebalanced between
 * replicas. Records reach the handler as raw bytes so one bad record is logged and skipped instead
 * of stopping the feed. Reads {@code read_committed}: replies written in transactions are seen once
 * committed. The consumer's Kafka meters (records-lag-max: how far behind this replica's view is)
 * are bound to the given registry under {@code application=ingest-connector}.
 */
public final class TopicTailer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TopicTailer.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STALL = Duration.ofSeconds(30);

  /** Receives each record; a thrown exception skips that record only. */
  @FunctionalInterface
  public interface Handler {
    void handle(ConsumerRecord<String, byte[]> record);
  }

  private final String name;
  private final Map<String, Object> clientProperties;
  private final List<String> topics;
  private final Duration lookback;
  private final Clock clock;
  private final Handler handler;
  private final Runnable housekeeping;
  private final MeterRegistry meters;
  private volatile KafkaClientMetrics clientMetrics;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;
  private volatile Instant lastPoll;
  private volatile String failure;
  private volatile long skipped;

  /**
   * @param name short name for the thread, client id and health detail
   * @param housekeeping run after each poll on the feed's thread (cheap, e.g. expiring state)
   * @param meters where the consumer's Kafka meters go
   */
  public TopicTailer(
      String name,
      Map<String, Object> clientProperties,
      List<String> topics,
      Duration lookback,
      Clock clock,
      Handler handler,
      Runnable housekeeping,
      MeterRegistry meters) {
    this.name = name;
    this.clientProperties = Map.copyOf(clientProperties);
    this.topics = List.copyOf(topics);
    this.lookback = lookback;
    this.clock = clock;
    this.handler = handler;
    this.housekeeping = housekeeping;
    this.meters = meters;
  }

  /**
   * Assigns every partition of the topics and fixes the start positions before returning, so a
   * record written after this call is never skipped.
   *
   * @throws IllegalStateException when a topic does not exist or the broker cannot be reached
   */
  public void start() {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(
        ConsumerConfig.CLIENT_ID_CONFIG, "ingest-connector-" + name + "-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions = partitionsOf(c);
      c.assign(partitions);
      seekToStart(c, partitions);
      partitions.forEach(tp -> c.position(tp, Duration.ofSeconds(15))); // resolve now, not lazily
    } catch (RuntimeException e) {
      c.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
    consumer = c;
    clientMetrics = PipelineMetrics.kafkaClientMetrics(c, "ingest-connector");
    clientMetrics.bindTo(meters);
    running = true;
    lastPoll = clock.instant();
    thread = Thread.ofPlatform().daemon().name("ingest-feed-" + name).start(this::loop);
  }

  private List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> c) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos;
      try {
        infos = c.partitionsFor(topic, Duration.ofSeconds(15));
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        throw new IllegalStateException(
            "cannot read the partitions of " + topic + " (is Kafka reachable?): " + e.getMessage(),
            e);
      }
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException(
            "topic " + topic + " does not exist: create the catalogue's topics first");
      }
      infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    }
    return partitions;
  }

  private void seekToStart(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
    if (lookback.isZero()) {
      c.seekToEnd(partitions);
      return;
    }
    long since = clock.millis() - lookback.toMillis();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, since));
    Map<TopicPartition, OffsetAndTimestamp> found =
        c.offsetsForTimes(query, Duration.ofSeconds(15));
    List<TopicPartition> nothingRecent = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      if (at == null) {
        nothingRecent.add(tp);
      } else {
        c.seek(tp, at.offset());
      }
    }
    if (!nothingRecent.isEmpty()) {
      c.seekToEnd(nothingRecent);
    }
  }

  private void loop() {
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        for (ConsumerRecord<String, byte[]> record : records) {
          try {
            handler.handle(record);
          } catch (RuntimeException e) {
            skipped++;
            // Never the record's content: inbound text is raw customer text.
            log.warn(
                "Skipped {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                e.toString());
          }
        }
        lastPoll = clock.instant();
        housekeeping.run();
      }
    } catch (WakeupException e) {
      if (running) {
        failure = "woken up unexpectedly";
      }
    } catch (RuntimeException e) {
      failure = e.toString();
      log.error("Feed {} stopped: {}", name, e.toString());
    } finally {
      clientMetrics.close();
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
      stopped.countDown();
    }
  }

  /** Records skipped because the handler could not use them. */
  public long skipped() {
    return skipped;
  }

  /** UP while the feed polls; DOWN once it died or stalled. */
  public Health health() {
    if (failure != null) {
      return Health.down(name + " feed stopped: " + failure);
    }
    if (!running) {
      return Health.down(name + " feed not running");
    }
    Duration since = Duration.between(lastPoll, clock.instant());
    if (since.compareTo(STALL) > 0) {
      return Health.down(name + " feed has not polled for " + since.toSeconds() + " s");
    }
    return Health.up(name + " feed reading " + String.join(",", topics));
  }

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      try {
        c.wakeup();
      } catch (RuntimeException e) {
        log.debug("Feed {} already closed: {}", name, e.toString());
      }
    }
    try {
      if (!stopped.await(10, TimeUnit.SECONDS)) {
        log.warn("Feed {} did not stop within 10 s", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
