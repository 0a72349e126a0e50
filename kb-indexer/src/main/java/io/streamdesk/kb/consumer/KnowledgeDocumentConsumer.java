package io.streamdesk.kb.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamdesk.runtime.dlq.DeadLetterWriter;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.KnowledgeDocumentIndexed;
import io.streamdesk.schemas.events.KnowledgeDocumentSubmitted;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kb-indexer's poll loop: reads {@code cs.kb.documents} (KnowledgeDocumentSubmitted, keyed by
 * documentId), carries each command out, and writes one KnowledgeDocumentIndexed per command to
 * {@code cs.kb.events}.
 *
 * <p>At least once: offsets are committed only after every event of the polled batch has been
 * acknowledged (idempotent producer, acks=all); when a send fails, the batch is read again from its
 * first offset, which is harmless because commands are idempotent by content hash. A record whose
 * value cannot be read becomes a FAILED event and a dead letter on {@code cs.dlq} (with its raw
 * bytes); a tombstone deletes its key's document. Nothing a producer sends stops the loop.
 *
 * <p>Meters ({@link PipelineMetrics}, service kb-indexer, stage {@value #STAGE}): one {@code
 * streamdesk.stage.messages} per event with outcome its status (indexed, unchanged, deleted,
 * failed), the time per command, dead letters, and both clients' Kafka meters.
 */
public final class KnowledgeDocumentConsumer implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeDocumentConsumer.class);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

  /** The indexer's stage in the pipeline meters. */
  static final String STAGE = "index";

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KnowledgeDocumentHandler handler;
  private final DeadLetterWriter deadLetters;
  private final Topic<String, KnowledgeDocumentSubmitted> input;
  private final Topic<String, KnowledgeDocumentIndexed> output;
  private final Deserializer<KnowledgeDocumentSubmitted> commands;
  private final Serializer<KnowledgeDocumentIndexed> events;
  private final Duration pollTimeout;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicBoolean started =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean running = true;
  private volatile Throwable crash;
  private final PipelineMetrics metrics;
  private final KafkaClientMetrics consumerMetrics;
  private final KafkaClientMetrics producerMetrics;

  /**
   * @param clientProperties Kafka client properties (bootstrap servers, security) for both clients
   * @param meters where the consumer's meters are registered
   */
  public KnowledgeDocumentConsumer(
      Map<String, Object> clientProperties,
      KbConsumerConfig config,
      Topics topics,
      TopicSerdes serdes,
      KnowledgeDocumentHandler handler,
      MeterRegistry meters) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.input = topics.kbDocuments();
    this.output = topics.kbEvents();
    this.commands = serdes.valueSerde(input).deserializer();
    this.events = serdes.valueSerde(output).serializer();
    this.deadLetters = new DeadLetterWriter(KbIndexerService.NAME, topics.dlq(), serdes, meters);
    this.metrics = new PipelineMetrics(meters, KbIndexerService.NAME);
    this.pollTimeout = config.pollTimeout();

    Map<String, Object> consumerProps = new HashMap<>(clientProperties);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Embedding a batch of large documents can take a while: keep the batch small.
    consumerProps.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16);
    consumerProps.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
    this.consumer =
        new KafkaConsumer<>(
            consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    Map<String, Object> producerProps = new HashMap<>(clientProperties);
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producer =
        new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    this.consumerMetrics = PipelineMetrics.kafkaClientMetrics(consumer, config.groupId());
    this.producerMetrics = PipelineMetrics.kafkaClientMetrics(producer, config.groupId());
    consumerMetrics.bindTo(meters);
    producerMetrics.bindTo(meters);
  }

  @Override
  public void run() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("the consumer loop runs once");
    }
    try {
      consumer.subscribe(List.of(input.name()));
      LOG.info("consuming {} -> {}", input.name(), output.name());
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
        lastPoll.set(Instant.now());
        if (!records.isEmpty()) {
          processBatch(records);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        crash = e;
        throw e;
      }
    } catch (RuntimeException | Error e) {
      crash = e;
      LOG.error("the {} consumer stopped", input.name(), e);
      throw e;
    } finally {
      try {
        closeMetrics();
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
      } finally {
        stopped.countDown();
      }
    }
  }

  /** Handles a batch, and commits it once every event is acknowledged; else rewinds to it. */
  private void processBatch(ConsumerRecords<byte[], byte[]> records) {
    List<Future<RecordMetadata>> sends = new ArrayList<>(records.count());
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (!running) {
        break;
      }
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      first.putIfAbsent(tp, record.offset());
      for (ProducerRecord<byte[], byte[]> out : handle(record)) {
        sends.add(producer.send(out));
      }
      next.put(tp, new OffsetAndMetadata(record.offset() + 1));
    }
    try {
      producer.flush();
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
      consumer.commitSync(next);
    } catch (ExecutionException | RuntimeException e) {
      LOG.warn(
          "events of {} records were not all written ({}); reading them again",
          sends.size(),
          e.toString());
      first.forEach(consumer::seek);
      sleep(RETRY_BACKOFF);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** The event for one record, plus a dead letter when the record could not be read. */
  private List<ProducerRecord<byte[], byte[]>> handle(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      // A tombstone on the compacted topic: the document is gone.
      if (key == null) {
        return List.of();
      }
      return List.of(event(handler.handle(tombstone(key))));
    }
    KnowledgeDocumentSubmitted command;
    try {
      command = commands.deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      String reason =
          "unreadable command at "
              + record.topic()
              + "-"
              + record.partition()
              + "@"
              + record.offset()
              + ": "
              + e.getMessage();
      List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(2);
      out.add(deadLetters.failure(record, null, FailureKind.DESERIALIZATION, e));
      if (key != null) {
        out.add(event(handler.unreadable(key, reason)));
      }
      return out;
    }
    if (key != null && !key.equals(command.getDocumentId())) {
      LOG.warn(
          "record key {} differs from documentId {}; the documentId wins",
          key,
          command.getDocumentId());
    }
    long start = System.nanoTime();
    KnowledgeDocumentIndexed result = handler.handle(command);
    metrics.latencyNanos(STAGE, System.nanoTime() - start);
    return List.of(event(result));
  }

  private static KnowledgeDocumentSubmitted tombstone(String documentId) {
    return KnowledgeDocumentSubmitted.newBuilder()
        .setDocumentId(documentId)
        .setOperation(io.streamdesk.schemas.events.DocumentOperation.DELETE)
        .setSubmittedAt(Instant.now())
        .build();
  }

  private void closeMetrics() {
    consumerMetrics.close();
    producerMetrics.close();
  }

  private ProducerRecord<byte[], byte[]> event(KnowledgeDocumentIndexed event) {
    metrics.message(STAGE, event.getStatus().name().toLowerCase(java.util.Locale.ROOT));
    return new ProducerRecord<>(
        output.name(),
        event.getDocumentId().getBytes(StandardCharsets.UTF_8),
        events.serialize(output.name(), event));
  }

  /** When the loop last polled (null before the first poll), for the health check. */
  public Instant lastPoll() {
    return lastPoll.get();
  }

  /** Whether the loop has stopped, and why when it crashed. */
  public boolean isRunning() {
    return running && stopped.getCount() > 0 && crash == null;
  }

  public Throwable crash() {
    return crash;
  }

  /** Stops the loop after the record in hand, and waits for it to close its clients. */
  @Override
  public void close() {
    running = false;
    if (started.compareAndSet(false, true)) {
      // The loop never ran: nobody else will close the clients.
      closeMetrics();
      consumer.close(Duration.ZERO);
      producer.close(Duration.ZERO);
      stopped.countDown();
      return;
    }
    consumer.wakeup();
    try {
      if (!stopped.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
        LOG.warn("the {} consumer did not stop within 30 s", input.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
