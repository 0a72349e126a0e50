package io.streamdesk.generation.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamdesk.generation.guard.OutputGuard;
import io.streamdesk.generation.llm.extractive.ExtractiveReplyGenerator;
import io.streamdesk.generation.reply.ReplyGenerator;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.dlq.DeadLetterWriter;
import io.streamdesk.runtime.kafka.ConsumerPositions;
import io.streamdesk.runtime.ops.Health;
import io.streamdesk.runtime.ops.HealthCheck;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.ReplyChunk;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.registry.RegistryUnavailableException;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generation worker: a consumer group on {@code cs.generation.requests} and its retry topic
 * that writes exactly one ReplyGenerated to {@code cs.replies} per GenerateReply (or, for a record
 * that cannot be answered, one ProcessingFailed to {@code cs.dlq}), streaming the text to {@code
 * cs.replies.chunks} as it is written.
 *
 * <p><b>Exactly once.</b> One poll thread owns the consumer (read_committed, no auto-commit) and a
 * transactional producer ({@code transactional.id = group-instance}). Requests are generated
 * concurrently (up to {@code max-in-flight}, on virtual threads) but each partition commits only
 * its done prefix, in one transaction that holds the prefix's replies, retry records and dead
 * letters and its offsets ({@code sendOffsetsToTransaction} with the consumer's group metadata). So
 * an output is visible to read_committed readers exactly when its input's offset is committed. A
 * worker that dies or loses a partition leaves its uncommitted requests to the partition's next
 * owner, which redoes them from the committed offset; a zombie that still tries to commit is fenced
 * by the group generation (KIP-447), a duplicate instance by the transactional.id.
 *
 * <p><b>Rebalances.</b> Revoked partitions get {@code rebalance.drain-timeout} to finish their
 * running generations; the done prefix is committed, the rest cancelled and left to the new owner.
 * Lost partitions are dropped without a commit. A transaction that fails to commit is aborted and
 * every assigned partition rewinds to its committed offset.
 *
 * <p><b>Chunks</b> go through a separate idempotent producer, outside the transaction, so they
 * stream at once; a redone request streams again from seq 0 (see {@link ChunkPublisher}).
 *
 * <p><b>Retries</b> travel through the retry topic with a due time; its partitions wait (paused)
 * for the due time while the request partitions keep flowing. Records that cannot be deserialized
 * go to the DLQ at once; a registry outage is waited out instead.
 */
public final class GenerationWorker implements AutoCloseable {

  /** Header of a retry record: epoch millis before which it must not be retried. */
  public static final String RETRY_DUE_HEADER = "streamdesk.retry.due";

  /** Header of a retry record: why the previous attempt failed. */
  public static final String RETRY_REASON_HEADER = "streamdesk.retry.reason";

  /** The service and DLQ stage name. */
  public static final String STAGE = "generation-worker";

  private static final Logger LOG = LoggerFactory.getLogger(GenerationWorker.class);
  private static final long REGISTRY_BACKOFF_MS = 1_000;

  /** Where the worker is in its life. */
  public enum State {
    CREATED,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED
  }

  private final KafkaSettings kafka;
  private final WorkerSettings settings;
  private final String requestTopic;
  private final String retryTopic;
  private final String repliesTopic;
  private final Deserializer<GenerateReply> requestDeserializer;
  private final Serializer<GenerateReply> retrySerializer;
  private final Serializer<ReplyGenerated> replySerializer;
  private final Serializer<ReplyChunk> chunkSerializer;
  private final String chunksTopic;
  private final DeadLetterWriter deadLetters;
  private final ReplyGenerator generator;
  private final ExtractiveReplyGenerator extractive;
  private final OutputGuard guard;
  private final Clock clock;
  private final WorkerMetrics metrics;
  private final AtomicInteger runningTasks = new AtomicInteger();

  private final Ledger ledger = new Ledger();
  private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();

  private volatile State state = State.CREATED;
  private volatile Throwable failure;
  private volatile boolean running;
  private volatile int assigned;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;
  private ChunkPublisher chunks;
  private KafkaClientMetrics consumerMetrics;
  private KafkaClientMetrics producerMetrics;
  private KafkaClientMetrics chunkMetrics;
  private RequestHandler handler;
  private Thread loop;
  private long nextId;
  private boolean rewindRequested;

  private GenerationWorker(Builder b) {
    this.kafka = Objects.requireNonNull(b.kafka, "kafka");
    this.settings = Objects.requireNonNull(b.settings, "settings");
    this.generator = Objects.requireNonNull(b.generator, "generator");
    this.extractive = Objects.requireNonNull(b.extractive, "extractive");
    this.guard = Objects.requireNonNull(b.guard, "guard");
    this.clock = b.clock;
    Topics topics = kafka.topics();
    TopicSerdes serdes = Objects.requireNonNull(b.serdes, "serdes");
    this.requestTopic = topics.generationRequests().name();
    this.retryTopic = topics.generationRetry().name();
    this.repliesTopic = topics.replies().name();
    this.chunksTopic = topics.replyChunks().name();
    this.requestDeserializer = serdes.valueSerde(topics.generationRequests()).deserializer();
    this.retrySerializer = serdes.valueSerde(topics.generationRetry()).serializer();
    this.replySerializer = serdes.valueSerde(topics.replies()).serializer();
    this.chunkSerializer = serdes.valueSerde(topics.replyChunks()).serializer();
    this.deadLetters = new DeadLetterWriter(STAGE, topics.dlq(), serdes);
    this.metrics =
        new WorkerMetrics(
            Objects.requireNonNull(b.meterRegistry, "meterRegistry"), STAGE, runningTasks::get);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects (initTransactions fences an earlier producer with the same transactional.id), then
   * polls on its own thread.
   */
  public synchronized void start() {
    if (state != State.CREATED) {
      throw new IllegalStateException("the worker was already started (" + state + ")");
    }
    state = State.STARTING;
    try {
      producer = transactionalProducer();
      producer.initTransactions();
      KafkaProducer<String, ReplyChunk> chunkProducer =
          new KafkaProducer<>(chunkProducerProperties(), new StringSerializer(), chunkSerializer);
      chunkMetrics = metrics.bind(chunkProducer, settings.groupId());
      chunks = new ChunkPublisher(chunkProducer, chunksTopic, clock, metrics::chunkSendError);
      handler = new RequestHandler(generator, extractive, guard, chunks, settings, metrics, clock);
      consumer =
          new KafkaConsumer<>(
              consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      consumerMetrics = metrics.bind(consumer, settings.groupId());
    } catch (RuntimeException e) {
      state = State.FAILED;
      failure = e;
      closeClients();
      throw e;
    }
    running = true;
    loop = Thread.ofPlatform().name("generation-worker-" + settings.instanceId()).start(this::run);
    LOG.info(
        "generation worker {} started: group {}, transactional.id {}, max in flight {}, backend {}",
        settings.instanceId(),
        settings.groupId(),
        settings.transactionalId(),
        settings.maxInFlight(),
        generator.model());
  }

  public State state() {
    return state;
  }

  /** Why the worker failed, if it did. */
  public Throwable failure() {
    return failure;
  }

  /** Generations running now. */
  public int inFlight() {
    return runningTasks.get();
  }

  /** UP while polling; DOWN while starting, stopped or failed, with the reason. */
  public HealthCheck healthCheck() {
    return () ->
        switch (state) {
          case RUNNING ->
              Health.up(assigned + " partitions, " + runningTasks.get() + " generating");
          case FAILED -> Health.down("failed: " + failure);
          default -> Health.down(state.name().toLowerCase(Locale.ROOT));
        };
  }

  /** The topics the worker reads. */
  public List<String> inputs() {
    return List.of(requestTopic, retryTopic);
  }

  /** The topics the worker writes. */
  public List<String> outputs() {
    return List.of(repliesTopic, chunksTopic, retryTopic, deadLetters.topic());
  }

  /**
   * Stops: drains or aborts in-flight generations ({@code shutdown.mode}), commits what is done,
   * closes the producers and leaves the group. Idempotent.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      if (state == State.CREATED) {
        state = State.STOPPED;
        tasks.shutdownNow();
        return;
      }
      running = false;
      t = loop;
    }
    wakeup();
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(settings.shutdownTimeout().plusSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warn("generation worker {} did not stop in time", settings.instanceId());
      }
    }
  }

  private void run() {
    try {
      consumer.subscribe(List.of(requestTopic, retryTopic), new Rebalance());
      state = State.RUNNING;
      while (running) {
        if (rewindRequested) {
          rewind();
        }
        poll(pollTimeout());
        applyCompletions();
        dispatch();
        commitReady();
        flowControl();
      }
      stop();
      state = State.STOPPED;
    } catch (RuntimeException | Error e) {
      failure = e;
      state = State.FAILED;
      LOG.error("generation worker {} failed: {}", settings.instanceId(), e.toString(), e);
      ledger.dropAll().forEach(Pending::cancel);
    } finally {
      running = false;
      closeClients();
      LOG.info("generation worker {} stopped ({})", settings.instanceId(), state);
    }
  }

  private Duration pollTimeout() {
    if (!completions.isEmpty() || rewindRequested) {
      return Duration.ZERO;
    }
    long wait = settings.pollTimeout().toMillis();
    OptionalLong due = ledger.earliestDue();
    if (due.isPresent() && ledger.running() < settings.maxInFlight()) {
      wait = Math.min(wait, Math.max(0, due.getAsLong() - clock.millis()));
    }
    return Duration.ofMillis(wait);
  }

  private void poll(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(timeout);
    } catch (WakeupException e) {
      return;
    }
    long now = clock.millis();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      boolean retry = record.topic().equals(retryTopic);
      metrics.request(retry ? "retry" : "requests");
      Pending pending = new Pending(nextId++, record, retry ? dueAt(record) : now);
      if (!ledger.add(pending)) {
        LOG.debug("{} is already being handled", pending);
      }
    }
  }

  /** Starts due records while slots are free, oldest fetch first. */
  private void dispatch() {
    if (!running) {
      return;
    }
    long now = clock.millis();
    int free = settings.maxInFlight() - ledger.running();
    for (Pending pending : ledger.startable(now)) {
      if (free <= 0) {
        break;
      }
      if (pending.request == null && !parse(pending, now)) {
        continue;
      }
      pending.state = Pending.State.RUNNING;
      runningTasks.incrementAndGet();
      pending.task = tasks.submit(() -> handle(pending));
      free--;
    }
  }

  /** Deserializes a record; false when it became a dead letter or must wait for the registry. */
  private boolean parse(Pending pending, long now) {
    ConsumerRecord<byte[], byte[]> record = pending.record;
    try {
      GenerateReply request =
          requestDeserializer.deserialize(record.topic(), record.headers(), record.value());
      if (request == null) {
        throw new SerializationException("empty value (tombstone)");
      }
      pending.request = request;
      return true;
    } catch (RuntimeException e) {
      if (isTransient(e)) {
        LOG.warn("cannot read {} now ({}); trying again shortly", pending, e.toString());
        pending.dueAt = now + REGISTRY_BACKOFF_MS;
        return false;
      }
      LOG.warn(
          "{} is not a readable GenerateReply, sending it to the DLQ: {}", pending, e.toString());
      pending.done(
          new Outcome.DeadLetter("DESERIALIZATION", e.toString(), e),
          List.of(deadLetters.failure(record, null, FailureKind.DESERIALIZATION, e)));
      return false;
    }
  }

  /** Runs on a virtual thread. */
  private void handle(Pending pending) {
    Outcome outcome;
    try {
      outcome = handler.handle(pending.request);
    } catch (Throwable t) {
      outcome = new Outcome.DeadLetter("UNEXPECTED", t.toString(), t);
    } finally {
      runningTasks.decrementAndGet();
    }
    completions.add(new Completion(pending, outcome));
    wakeup();
  }

  private void applyCompletions() {
    Completion completion;
    while ((completion = completions.poll()) != null) {
      apply(completion);
    }
  }

  private void apply(Completion completion) {
    Pending pending = completion.pending();
    if (!ledger.owns(pending) || pending.state != Pending.State.RUNNING) {
      return; // dropped by a rebalance or a rewind: its partition's owner redoes it
    }
    Outcome outcome = completion.outcome();
    if (outcome instanceof Outcome.Abandoned) {
      pending.state = Pending.State.WAITING;
      pending.task = null;
      pending.dueAt = clock.millis();
      return;
    }
    try {
      pending.done(outcome, records(pending, outcome));
    } catch (RuntimeException e) {
      if (isTransient(e)) {
        LOG.warn("cannot write the outcome of {} now ({}); redoing it", pending, e.toString());
        pending.state = Pending.State.WAITING;
        pending.task = null;
        pending.dueAt = clock.millis() + REGISTRY_BACKOFF_MS;
        return;
      }
      Outcome failed = new Outcome.DeadLetter("UNWRITABLE", e.toString(), e);
      pending.done(failed, records(pending, failed));
    }
  }

  private List<ProducerRecord<byte[], byte[]>> records(Pending pending, Outcome outcome) {
    byte[] key = pending.request.getConversationId().getBytes(StandardCharsets.UTF_8);
    return switch (outcome) {
      case Outcome.Reply r ->
          List.of(
              new ProducerRecord<>(
                  repliesTopic, key, replySerializer.serialize(repliesTopic, r.reply())));
      case Outcome.Retry r -> {
        ProducerRecord<byte[], byte[]> retry =
            new ProducerRecord<>(retryTopic, key, retrySerializer.serialize(retryTopic, r.next()));
        retry
            .headers()
            .add(RETRY_DUE_HEADER, bytes(Long.toString(r.dueAt().toEpochMilli())))
            .add(RETRY_REASON_HEADER, bytes(abbreviate(r.reason())));
        yield List.of(retry);
      }
      case Outcome.DeadLetter d ->
          d.error() == null
              ? List.of(
                  deadLetters.businessFailure(
                      pending.record, pending.request, d.code(), d.reason()))
              : List.of(
                  deadLetters.failure(
                      pending.record, pending.request, FailureKind.PROCESSING, d.error()));
      case Outcome.Abandoned a -> List.of();
    };
  }

  /**
   * Commits every partition's done prefix with its outputs in one transaction. On an abortable
   * failure the transaction is aborted and the partitions rewind to their committed offsets.
   */
  private void commitReady() {
    Map<TopicPartition, List<Pending>> prefixes = ledger.donePrefixes();
    if (prefixes.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<ProducerRecord<byte[], byte[]>> outputs = new ArrayList<>();
    prefixes.forEach(
        (tp, done) -> {
          done.forEach(p -> outputs.addAll(p.outputs));
          long next = done.getLast().offset() + 1;
          if (ledger.size(tp) == done.size()) {
            // Everything read from the partition is done: commit the fetch position, which on a
            // transactional topic lies past the commit marker after the last record (its offset
            // + 1 would leave the group a lag of one that never drains).
            next = Math.max(next, ConsumerPositions.fetchPosition(consumer, tp));
          }
          offsets.put(tp, new OffsetAndMetadata(next));
        });
    try {
      producer.beginTransaction();
      for (ProducerRecord<byte[], byte[]> output : outputs) {
        producer.send(output);
      }
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      producer.commitTransaction();
    } catch (ProducerFencedException | InvalidConfigurationException e) {
      // Another live instance holds our transactional.id, or the cluster refuses us (this
      // covers authentication and authorization): nothing to retry, stop and report it.
      metrics.transaction("fatal");
      throw new IllegalStateException(
          "the transactional producer " + settings.transactionalId() + " cannot go on: " + e, e);
    } catch (ApplicationRecoverableException | OutOfOrderSequenceException e) {
      // KIP-1050: this producer is unusable, a new one (same transactional.id) is fine.
      metrics.transaction("aborted");
      LOG.warn("transactional producer unusable, replacing it and redoing: {}", e.toString());
      replaceProducer();
      rewindRequested = true;
      return;
    } catch (KafkaException e) {
      metrics.transaction("aborted");
      LOG.warn("transaction aborted, redoing uncommitted requests: {}", e.toString());
      abortTransaction();
      rewindRequested = true;
      return;
    }
    metrics.transaction("committed");
    prefixes.forEach(
        (tp, done) -> {
          ledger.committed(tp, done.getLast().offset());
          done.forEach(this::countCommitted);
        });
  }

  private void countCommitted(Pending pending) {
    switch (pending.outcome) {
      case Outcome.Reply r -> metrics.reply(r.reply().getAction(), r.reply().getModel());
      case Outcome.Retry r -> metrics.retry();
      case Outcome.DeadLetter d -> metrics.deadLetter(d.code(), failureKind(d));
      case Outcome.Abandoned a -> {}
      case null -> {}
    }
  }

  /** The kind {@link #records} and {@link #parse} write for a dead letter. */
  private static FailureKind failureKind(Outcome.DeadLetter d) {
    if (d.error() == null) {
      return FailureKind.BUSINESS;
    }
    return "DESERIALIZATION".equals(d.code())
        ? FailureKind.DESERIALIZATION
        : FailureKind.PROCESSING;
  }

  private void abortTransaction() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      LOG.warn("abort failed ({}); starting a new transactional producer", e.toString());
      replaceProducer();
    }
  }

  private void replaceProducer() {
    try {
      producer.close(Duration.ZERO);
    } catch (RuntimeException e) {
      LOG.debug("closing the old producer: {}", e.toString());
    }
    producer = transactionalProducer();
    producer.initTransactions();
  }

  /** Cancels everything and seeks every assigned partition back to its committed offset. */
  private void rewind() {
    rewindRequested = false;
    ledger.dropAll().forEach(Pending::cancel);
    Set<TopicPartition> partitions = consumer.assignment();
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed = null;
    while (committed == null) {
      try {
        committed = consumer.committed(partitions);
      } catch (WakeupException e) {
        // A finished task woke the consumer: ask again.
      }
    }
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata offset = committed.get(tp);
      if (offset != null) {
        consumer.seek(tp, offset);
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
    }
    LOG.info("rewound {} partitions to their committed offsets", partitions.size());
  }

  /**
   * Pauses every partition while twice max-in-flight records are uncommitted, and retry partitions
   * while they hold a record that is not due yet; resumes them otherwise.
   */
  private void flowControl() {
    Set<TopicPartition> assignment = consumer.assignment();
    Set<TopicPartition> pause = new HashSet<>();
    if (!running || ledger.size() >= 2 * settings.maxInFlight()) {
      pause.addAll(assignment);
    } else {
      pause.addAll(ledger.waitingFor(clock.millis()));
      pause.retainAll(assignment);
    }
    Set<TopicPartition> paused = consumer.paused();
    Set<TopicPartition> resume = new HashSet<>(paused);
    resume.removeAll(pause);
    pause.removeAll(paused);
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
  }

  /** After the loop: drain (or abort) in-flight generations and commit what is done. */
  private void stop() {
    state = State.STOPPING;
    consumer.pause(consumer.assignment());
    if (settings.shutdownMode() == WorkerSettings.ShutdownMode.DRAIN) {
      long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
      while (ledger.running() > 0 && System.nanoTime() < deadline) {
        poll(Duration.ofMillis(100)); // keeps the group membership alive; partitions are paused
        consumer.pause(consumer.assignment());
        applyCompletions();
        commitReady();
      }
    }
    List<Pending> unfinished =
        ledger.all().stream().filter(p -> p.state == Pending.State.RUNNING).toList();
    unfinished.forEach(Pending::cancel);
    applyCompletions();
    commitReady();
    if (!unfinished.isEmpty()) {
      LOG.info(
          "stopped with {} generations unfinished; their partitions' next owner redoes them",
          unfinished.size());
    }
  }

  private void closeClients() {
    tasks.shutdownNow();
    closeQuietly(consumerMetrics);
    closeQuietly(producerMetrics);
    closeQuietly(chunkMetrics);
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      try {
        c.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("consumer did not close cleanly: {}", e.toString());
      }
    }
    if (producer != null) {
      try {
        producer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("producer did not close cleanly: {}", e.toString());
      }
    }
    if (chunks != null) {
      try {
        chunks.close();
      } catch (RuntimeException e) {
        LOG.warn("chunk producer did not close cleanly: {}", e.toString());
      }
    }
  }

  private void wakeup() {
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private long dueAt(ConsumerRecord<byte[], byte[]> record) {
    Header due = record.headers().lastHeader(RETRY_DUE_HEADER);
    if (due != null) {
      try {
        return Long.parseLong(new String(due.value(), StandardCharsets.UTF_8));
      } catch (NumberFormatException e) {
        LOG.debug("unreadable {} header on {}", RETRY_DUE_HEADER, record.offset());
      }
    }
    return record.timestamp() + settings.retryDelay(1).toMillis();
  }

  private KafkaProducer<byte[], byte[]> transactionalProducer() {
    KafkaProducer<byte[], byte[]> created = newTransactionalProducer();
    closeQuietly(producerMetrics);
    producerMetrics = metrics.bind(created, settings.groupId());
    return created;
  }

  private static void closeQuietly(KafkaClientMetrics binder) {
    if (binder != null) {
      binder.close();
    }
  }

  private KafkaProducer<byte[], byte[]> newTransactionalProducer() {
    Map<String, Object> props = kafka.clientProperties();
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.transactionalId() + "-tx");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private Map<String, Object> chunkProducerProperties() {
    Map<String, Object> props = kafka.clientProperties();
    // A few milliseconds batch the tokens of concurrent replies without a visible delay.
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.transactionalId() + "-chunks");
    return props;
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2 * settings.maxInFlight());
    boolean classic =
        !"consumer"
            .equalsIgnoreCase(String.valueOf(props.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)));
    if (classic) {
      // Only moved partitions are revoked, so a joining worker does not stop every generation.
      props.putIfAbsent(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName());
      // The loop polls all the time, so a dead worker can be noticed well before Kafka's 45 s
      // default: its partitions are taken over (and their requests redone) sooner.
      props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
      props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
    }
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.transactionalId());
    return props;
  }

  private static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnavailableException || t instanceof RetriableException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }

  /** A finished task's report, applied on the poll thread. */
  private record Completion(Pending pending, Outcome outcome) {}

  /** Commits or cancels work of partitions that move to another worker. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      drain(partitions, settings.revokeDrainTimeout());
      commitReady();
      List<Pending> dropped = ledger.drop(partitions);
      dropped.forEach(Pending::cancel);
      assigned = Math.max(0, assigned - partitions.size());
      LOG.info(
          "partitions revoked: {}; {} uncommitted requests left to their next owner",
          partitions,
          dropped.size());
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      List<Pending> dropped = ledger.drop(partitions);
      dropped.forEach(Pending::cancel);
      assigned = Math.max(0, assigned - partitions.size());
      LOG.warn(
          "partitions lost: {}; {} uncommitted requests dropped without a commit",
          partitions,
          dropped.size());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned += partitions.size();
      if (!partitions.isEmpty()) {
        LOG.info("partitions assigned: {}", partitions);
      }
    }

    /** Lets running generations of revoked partitions finish, up to {@code timeout}. */
    private void drain(Collection<TopicPartition> partitions, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (ledger.running(partitions) > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          Completion completion = completions.poll(left, TimeUnit.NANOSECONDS);
          if (completion != null) {
            apply(completion);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Builds a worker from its parts. */
  public static final class Builder {
    private KafkaSettings kafka;
    private TopicSerdes serdes;
    private WorkerSettings settings = WorkerSettings.defaults();
    private ReplyGenerator generator;
    private ExtractiveReplyGenerator extractive;
    private OutputGuard guard;
    private MeterRegistry meterRegistry;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Brokers, registry, topic names and client overrides. */
    public Builder kafka(KafkaSettings value) {
      this.kafka = value;
      return this;
    }

    public Builder serdes(TopicSerdes value) {
      this.serdes = value;
      return this;
    }

    public Builder settings(WorkerSettings value) {
      this.settings = value;
      return this;
    }

    /** The backend that drafts replies. */
    public Builder generator(ReplyGenerator value) {
      this.generator = value;
      return this;
    }

    /** The extractive answerer used for deadline and failure fallbacks and ungrounded answers. */
    public Builder extractive(ExtractiveReplyGenerator value) {
      this.extractive = value;
      return this;
    }

    public Builder guard(OutputGuard value) {
      this.guard = value;
      return this;
    }

    public Builder meterRegistry(MeterRegistry value) {
      this.meterRegistry = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public GenerationWorker build() {
      return new GenerationWorker(this);
    }
  }
}
