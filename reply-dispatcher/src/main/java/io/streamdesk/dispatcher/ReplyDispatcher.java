package io.streamdesk.dispatcher;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.dlq.DeadLetterWriter;
import io.streamdesk.runtime.kafka.ConsumerPositions;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.runtime.ops.Health;
import io.streamdesk.runtime.ops.HealthCheck;
import io.streamdesk.runtime.service.StreamDeskService;
import io.streamdesk.schemas.events.DeliveryKind;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.registry.RegistryUnavailableException;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reply dispatcher: reads cs.replies and cs.handoffs, delivers each reply to its channel's
 * webhook and each handoff to the ticket webhook, records every outcome on cs.deliveries and what
 * could not be delivered on cs.dlq.
 *
 * <p>Design (README.md has the long form): one consumer thread polls and hands every record to the
 * lane of its conversation ({@link ConversationLanes}, virtual threads), so a conversation waiting
 * for a retry never holds up another, and one conversation stays in order. Retries are scheduled in
 * process; their durable state is Kafka itself: an input offset is committed only once every record
 * before it has an acknowledged outcome ({@link PartitionWork}), and the ids already delivered are
 * rebuilt from cs.deliveries on assignment ({@link DeliveryLedger}). A crash therefore re-reads
 * unfinished records and skips delivered ones: at-least-once toward webhooks, with one duplicate
 * window (a webhook accepted, the outcome not yet written) that receivers close with the {@code
 * Idempotency-Key} header.
 */
public final class ReplyDispatcher implements StreamDeskService {

  public static final String NAME = "reply-dispatcher";

  private static final Logger log = LoggerFactory.getLogger(ReplyDispatcher.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final Duration TRANSIENT_PAUSE = Duration.ofSeconds(1);
  private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);
  private static final Duration METADATA_RETRY = Duration.ofMillis(200);

  private final DispatcherConfig config;
  private final KafkaSettings kafka;
  private final Topics topics;
  private final TopicSerdes serdes;
  private final MeterRegistry meterRegistry;
  private final Clock clock;

  private final AtomicInteger pendingTotal = new AtomicInteger();
  private final Map<TopicPartition, PartitionWork> work = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch firstAssignment = new CountDownLatch(1);
  private volatile boolean running;
  private volatile boolean closed;
  private boolean backPressured;
  private long nextExpiry;

  private KafkaConsumer<byte[], byte[]> consumer;
  private Producer<byte[], byte[]> producer;
  private DeliveryLogReader logReader;
  private ExecutorService executor;
  private WebhookClient client;
  private ConversationLanes lanes;
  private DeliveryLedger ledger;
  private DeliveryProcessor processor;
  private OutcomeRecorder recorder;
  private DispatcherMetrics metrics;
  private KafkaClientMetrics consumerMetrics;
  private KafkaClientMetrics producerMetrics;
  private Deserializer<ReplyGenerated> replyDeserializer;
  private Deserializer<HandoffRequested> handoffDeserializer;
  private Thread pollThread;

  public ReplyDispatcher(
      DispatcherConfig config,
      KafkaSettings kafka,
      TopicSerdes serdes,
      MeterRegistry meterRegistry,
      Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.topics = kafka.topics();
    this.serdes = Objects.requireNonNull(serdes, "serdes");
    this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> inputs() {
    return List.of(topics.replies().name(), topics.handoffs().name());
  }

  @Override
  public List<String> outputs() {
    List<String> out = new ArrayList<>();
    out.add(topics.deliveries().name());
    out.add(topics.dlq().name());
    config.channels().values().forEach(e -> out.add(e.name() + "=" + e.displayUrl()));
    config.ticketWebhook().ifPresent(e -> out.add(e.name() + "=" + e.displayUrl()));
    return out;
  }

  @Override
  public Map<String, HealthCheck> healthChecks() {
    return Map.of("dispatcher", this::health);
  }

  /** Joins the group, rebuilds the ledger of the assigned partitions, and starts delivering. */
  @Override
  public synchronized void start() {
    if (running || closed) {
      throw new IllegalStateException(NAME + " can be started once");
    }
    try {
      createClients();
      checkPartitions();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    running = true;
    consumer.subscribe(inputs(), new Rebalance());
    pollThread = Thread.ofPlatform().name(NAME + "-poll").start(this::pollLoop);
    awaitFirstAssignment();
  }

  private void createClients() {
    metrics = new DispatcherMetrics(meterRegistry, config.channels().keySet());
    ledger = new DeliveryLedger(config.dedupTtl(), clock);
    executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dispatch-", 0).factory());
    client =
        new WebhookClient(config.connectTimeout(), config.maxConcurrentRequests(), executor, clock);
    lanes = new ConversationLanes(executor);
    producer = new KafkaProducer<>(producerProperties());
    producerMetrics = PipelineMetrics.kafkaClientMetrics(producer, config.groupId(kafka));
    producerMetrics.bindTo(meterRegistry);
    recorder =
        new OutcomeRecorder(
            producer,
            topics.deliveries().name(),
            serdes.valueSerde(topics.deliveries()).serializer(),
            new DeadLetterWriter(NAME, topics.dlq(), serdes, meterRegistry));
    processor = new DeliveryProcessor(config, ledger, client, recorder, metrics, clock, this::fail);
    replyDeserializer = serdes.valueSerde(topics.replies()).deserializer();
    handoffDeserializer = serdes.valueSerde(topics.handoffs()).deserializer();
    logReader =
        new DeliveryLogReader(
            new KafkaConsumer<>(ledgerReaderProperties()),
            topics.deliveries().name(),
            serdes.valueSerde(topics.deliveries()).deserializer());
    consumer = new KafkaConsumer<>(consumerProperties());
    consumerMetrics = PipelineMetrics.kafkaClientMetrics(consumer, config.groupId(kafka));
    consumerMetrics.bindTo(meterRegistry);
    metrics.gauges(pendingTotal::get, lanes::activeLanes, ledger::size);
  }

  private void awaitFirstAssignment() {
    try {
      boolean assigned =
          firstAssignment.await(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      Throwable error = failure.get();
      if (error != null) {
        close();
        throw new IllegalStateException(NAME + " failed to start: " + error.getMessage(), error);
      }
      if (!assigned) {
        close();
        throw new IllegalStateException(
            NAME
                + " did not join consumer group "
                + config.groupId(kafka)
                + " within "
                + config.startTimeout()
                + " (dispatcher.start-timeout): is Kafka at "
                + kafka.bootstrapServers()
                + " reachable?");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException(NAME + " start interrupted", e);
    }
  }

  /**
   * cs.deliveries must have as many partitions as both inputs: outcomes are written to the input's
   * partition number and the ledger of partition p is rebuilt from cs.deliveries partition p.
   */
  private void checkPartitions() {
    Duration timeout = config.startTimeout();
    int replies = partitionCount(topics.replies().name(), timeout);
    int handoffs = partitionCount(topics.handoffs().name(), timeout);
    int deliveries = partitionCount(topics.deliveries().name(), timeout);
    if (replies != deliveries || handoffs != deliveries) {
      throw new IllegalStateException(
          String.format(
              "%s needs co-partitioned topics: %s has %d partitions, %s %d, %s %d",
              NAME,
              topics.replies().name(),
              replies,
              topics.handoffs().name(),
              handoffs,
              topics.deliveries().name(),
              deliveries));
    }
  }

  /**
   * The topic's partition count. A topic created a moment ago (the local stack creates them just
   * before starting services) may not be in the broker's metadata yet, so an unknown topic is asked
   * for again until the timeout.
   */
  private int partitionCount(String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, left);
      if (partitions != null && !partitions.isEmpty()) {
        return partitions.size();
      }
      if (left.compareTo(METADATA_RETRY) <= 0) {
        throw new IllegalStateException(
            NAME + ": topic " + topic + " does not exist; create the catalogue's topics first");
      }
      try {
        Thread.sleep(METADATA_RETRY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(NAME + " start interrupted", e);
      }
    }
  }

  private void pollLoop() {
    try {
      while (running && failure.get() == null) {
        applyPauses();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (TopicPartition partition : records.partitions()) {
          dispatch(partition, records.records(partition));
        }
        commit(false);
        expireLedger();
      }
    } catch (WakeupException e) {
      // close() woke the consumer up
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      stopAll();
    }
  }

  private void dispatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
    PartitionWork partitionWork = work.get(partition);
    if (partitionWork == null) {
      return; // revoked within this poll
    }
    for (ConsumerRecord<byte[], byte[]> record : records) {
      partitionWork.begin(record.offset());
      Delivery delivery;
      try {
        delivery = read(record);
      } catch (RuntimeException e) {
        if (isTransient(e)) {
          // The registry is away, the record is fine: read it again in a moment.
          log.warn(
              "{}@{}: {}; retrying in {}",
              partition,
              record.offset(),
              e.getMessage(),
              TRANSIENT_PAUSE);
          partitionWork.rewind(record.offset());
          consumer.seek(partition, record.offset());
          pausedUntil.put(partition, System.nanoTime() + TRANSIENT_PAUSE.toNanos());
          return;
        }
        log.warn(
            "{}@{} cannot be read, sent to {}: {}",
            partition,
            record.offset(),
            topics.dlq().name(),
            e.toString());
        metrics.deadLetter("unreadable");
        long offset = record.offset();
        recorder.unreadable(
            record,
            e,
            (metadata, error) -> {
              if (error == null) {
                partitionWork.finish(offset);
              } else {
                fail(error);
              }
            });
        continue;
      }
      if (delivery == null) {
        partitionWork.finish(record.offset()); // a tombstone: nothing to deliver
        continue;
      }
      Object lane = new LaneKey(partition, delivery.conversationId());
      partitionWork.track(lanes.submit(lane, () -> processor.process(delivery, partitionWork)));
    }
  }

  private Delivery read(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    if (record.topic().equals(topics.replies().name())) {
      ReplyGenerated reply = replyDeserializer.deserialize(record.topic(), record.value());
      return Delivery.of(reply, record);
    }
    HandoffRequested handoff = handoffDeserializer.deserialize(record.topic(), record.value());
    return Delivery.of(handoff, record);
  }

  private static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RegistryUnavailableException) {
        return true;
      }
    }
    return false;
  }

  /** Pauses everything while too much is unfinished, and partitions waiting for the registry. */
  private void applyPauses() {
    int pending = pendingTotal.get();
    if (!backPressured && pending >= config.maxPendingRecords()) {
      backPressured = true;
      log.info("{} records unfinished: pausing consumption", pending);
    } else if (backPressured && pending <= config.maxPendingRecords() / 2) {
      backPressured = false;
      log.info("{} records unfinished: resuming consumption", pending);
    }
    long now = System.nanoTime();
    pausedUntil.values().removeIf(until -> until <= now);
    Set<TopicPartition> assigned = consumer.assignment();
    Set<TopicPartition> wanted = new HashSet<>();
    for (TopicPartition tp : assigned) {
      if (backPressured || pausedUntil.containsKey(tp)) {
        wanted.add(tp);
      }
    }
    Set<TopicPartition> paused = consumer.paused();
    Set<TopicPartition> toResume = new HashSet<>(paused);
    toResume.removeAll(wanted);
    wanted.removeAll(paused);
    if (!wanted.isEmpty()) {
      consumer.pause(wanted);
    }
    if (!toResume.isEmpty()) {
      consumer.resume(toResume);
    }
  }

  /** Commits each partition's committable offset (async in the loop, sync on revocation). */
  private void commit(boolean sync) {
    commit(work.values(), sync);
  }

  private void commit(Collection<PartitionWork> partitions, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<PartitionWork, Long> committed = new HashMap<>();
    for (PartitionWork w : partitions) {
      OptionalLong offset = w.committable(ConsumerPositions.fetchPosition(consumer, w.partition()));
      if (offset.isPresent()) {
        offsets.put(w.partition(), new OffsetAndMetadata(offset.getAsLong()));
        committed.put(w, offset.getAsLong());
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    if (sync) {
      consumer.commitSync(offsets);
      committed.forEach(PartitionWork::committed);
    } else {
      // Marked before the broker answers; a failed async commit is retried by the next change
      // or by the synchronous commit on revocation.
      committed.forEach(PartitionWork::committed);
      consumer.commitAsync(
          offsets,
          (done, error) -> {
            if (error != null) {
              log.debug("offset commit failed (retried later): {}", error.toString());
              committed.keySet().forEach(w -> w.committed(-1));
            }
          });
    }
  }

  private void expireLedger() {
    long now = System.nanoTime();
    if (now - nextExpiry >= 0) {
      nextExpiry = now + EXPIRY_INTERVAL.toNanos();
      int removed = ledger.expire();
      if (removed > 0) {
        log.debug("ledger: {} delivered ids older than {} forgotten", removed, ledger.ttl());
      }
    }
  }

  /** Rebuilds the ledger of newly assigned input partitions from cs.deliveries. */
  private void loadLedger(Collection<TopicPartition> assigned) {
    Map<TopicPartition, DeliveryKind> missing = new HashMap<>();
    for (TopicPartition tp : assigned) {
      if (!ledger.isLoaded(tp)) {
        missing.put(tp, kindOf(tp));
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    Map<TopicPartition, Map<String, Long>> read =
        logReader.read(missing, ledger.horizon(), config.startTimeout());
    read.forEach(ledger::load);
    log.info(
        "ledger: {} delivered ids of {} read from {} in {} ms",
        read.values().stream().mapToInt(Map::size).sum(),
        new TreeSet<>(missing.keySet().stream().map(TopicPartition::toString).toList()),
        topics.deliveries().name(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private DeliveryKind kindOf(TopicPartition input) {
    return input.topic().equals(topics.handoffs().name())
        ? DeliveryKind.HANDOFF
        : DeliveryKind.REPLY;
  }

  /** Ends the deliveries of partitions going away and commits what they finished. */
  private void revoke(Collection<TopicPartition> partitions, boolean commit) {
    List<PartitionWork> leaving = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      PartitionWork w = work.get(tp);
      if (w != null) {
        w.revoke();
        leaving.add(w);
      }
    }
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    for (PartitionWork w : leaving) {
      try {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (!w.awaitTasks(left)) {
          log.warn(
              "{}: deliveries still in flight after {}; they will be redelivered",
              w.partition(),
              config.shutdownTimeout());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (commit) {
      commitLeaving(leaving, partitions);
    }
    for (PartitionWork w : leaving) {
      w.release();
      work.remove(w.partition());
      pausedUntil.remove(w.partition());
    }
    partitions.forEach(ledger::release);
  }

  private void commitLeaving(List<PartitionWork> leaving, Collection<TopicPartition> partitions) {
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        commit(leaving, true);
        return;
      } catch (WakeupException e) {
        // close() may wake the consumer while it is not polling; the wake-up is spent now.
      } catch (RuntimeException e) {
        log.warn("could not commit the offsets of {}: {}", partitions, e.toString());
        return;
      }
    }
  }

  private void stopAll() {
    try {
      revoke(new ArrayList<>(work.keySet()), true);
    } catch (RuntimeException e) {
      log.warn("stopping: {}", e.toString());
    }
    try {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    } catch (RuntimeException e) {
      log.warn("closing the consumer: {}", e.toString());
    }
    running = false;
  }

  private void fail(Throwable error) {
    if (failure.compareAndSet(null, error)) {
      log.error("{} stops: {}", NAME, error.toString(), error);
      firstAssignment.countDown();
    }
  }

  private Health health() {
    Throwable error = failure.get();
    if (error != null) {
      return Health.down("stopped: " + error);
    }
    if (!running) {
      return Health.down(closed ? "closed" : "not started");
    }
    return Health.up(
        work.size()
            + " partitions, "
            + pendingTotal.get()
            + " records unfinished, "
            + lanes.activeLanes()
            + " conversations in flight, "
            + ledger.size()
            + " delivered ids remembered"
            + (backPressured ? ", paused (back-pressure)" : ""));
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    running = false;
    if (pollThread != null) {
      consumer.wakeup();
      try {
        pollThread.join(config.shutdownTimeout().plusSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (consumer != null) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
    }
    if (executor != null) {
      executor.shutdownNow();
    }
    if (client != null) {
      client.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (logReader != null) {
      logReader.close();
    }
    if (consumerMetrics != null) {
      consumerMetrics.close();
    }
    if (producerMetrics != null) {
      producerMetrics.close();
    }
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId(kafka));
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.topicPrefix() + NAME);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.autoOffsetReset().kafkaValue());
    // Replies are written in transactions by the generation worker: never deliver an aborted one.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Incremental rebalancing: an instance joining or leaving takes away only the partitions that
    // move, so deliveries waiting for a retry elsewhere are not interrupted (eager range
    // assignment would revoke everything). kafka.partition.assignment.strategy overrides it.
    props.putIfAbsent(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    return props;
  }

  private Map<String, Object> ledgerReaderProperties() {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.topicPrefix() + NAME + "-ledger");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return props;
  }

  private Map<String, Object> producerProperties() {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.topicPrefix() + NAME + "-outcomes");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  /** A conversation within one input partition: the unit of ordering. */
  private record LaneKey(TopicPartition partition, String conversationId) {}

  /** Keeps {@link PartitionWork} and the ledger in step with the group's assignment. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      try {
        loadLedger(partitions);
        for (TopicPartition tp : partitions) {
          work.computeIfAbsent(tp, p -> new PartitionWork(p, pendingTotal));
        }
        if (!partitions.isEmpty()) {
          log.info("{} assigned {}", NAME, partitions);
        }
      } catch (RuntimeException e) {
        fail(e);
        throw e;
      } finally {
        firstAssignment.countDown();
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        log.info("{} revoked {}", NAME, partitions);
      }
      revoke(partitions, true);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      log.warn("{} lost {} (group membership expired)", NAME, partitions);
      revoke(partitions, false);
    }
  }
}
