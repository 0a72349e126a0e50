package io.streamdesk.generation.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ReplyAction;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The worker's Micrometer meters, tagged {@code service}: requests consumed, replies committed by
 * action, latency histograms (queue wait, time to first token, generation), in-flight generations,
 * retries, dead letters, deadline expiries, guard rewrites, transactions and chunk send errors.
 * Committed outcomes and stage times are also counted in the pipeline's shared meters ({@link
 * PipelineMetrics}: stage {@value #STAGE}, latency stages queue, first_token and generation like
 * the reply's timings), and its Kafka clients are bound with {@link KafkaClientMetrics}.
 */
final class WorkerMetrics {

  private final MeterRegistry registry;
  private final String service;
  private final Timer queue;
  private final Timer firstToken;
  private final Timer generation;
  private final PipelineMetrics pipeline;

  /** The pipeline stage of the worker in {@code streamdesk.stage.messages}. */
  static final String STAGE = "generation";

  WorkerMetrics(MeterRegistry registry, String service, Supplier<Number> inFlight) {
    this.registry = registry;
    this.service = service;
    this.pipeline = new PipelineMetrics(registry, service);
    this.queue = timer("generation.queue.wait", "From the request being issued to its handling.");
    this.firstToken = timer("generation.first.token", "From generation start to the first text.");
    this.generation = timer("generation.latency", "From generation start to the complete draft.");
    Gauge.builder("generation.in.flight", inFlight)
        .description("Generations running now.")
        .tag("service", service)
        .register(registry);
  }

  void request(String source) {
    counter("generation.requests", "source", source).increment();
  }

  void reply(ReplyAction action, String model) {
    Counter.builder("generation.replies")
        .description("Replies committed to cs.replies.")
        .tag("service", service)
        .tag("action", action.name())
        .tag("model", model)
        .register(registry)
        .increment();
    pipeline.reply(action);
    pipeline.message(STAGE, "reply");
  }

  void retry() {
    counter("generation.retries", "reason", "failure").increment();
    pipeline.message(STAGE, "retry");
  }

  /** A committed dead letter: {@code code} is its business code or the failure's name. */
  void deadLetter(String code, FailureKind kind) {
    counter("generation.dlq", "kind", code).increment();
    pipeline.message(STAGE, "dlq");
    pipeline.deadLetter(service, kind);
  }

  /** Kafka client meters of one of the worker's clients; close them with the client. */
  KafkaClientMetrics bind(Producer<?, ?> producer, String application) {
    KafkaClientMetrics binder = PipelineMetrics.kafkaClientMetrics(producer, application);
    binder.bindTo(registry);
    return binder;
  }

  KafkaClientMetrics bind(Consumer<?, ?> consumer, String application) {
    KafkaClientMetrics binder = PipelineMetrics.kafkaClientMetrics(consumer, application);
    binder.bindTo(registry);
    return binder;
  }

  void deadlineExpired(String phase) {
    counter("generation.deadline.expired", "phase", phase).increment();
  }

  void failure(String kind) {
    counter("generation.failures", "kind", kind).increment();
  }

  void guard(String rule) {
    counter("generation.guard.rewrites", "rule", rule).increment();
  }

  void transaction(String result) {
    counter("generation.transactions", "result", result).increment();
  }

  void chunkSendError() {
    counter("generation.chunks.errors", "reason", "send").increment();
  }

  void queueWait(Duration d) {
    queue.record(d.isNegative() ? Duration.ZERO : d);
    pipeline.latency(RequestHandler.QUEUE, d);
  }

  void timeToFirstToken(Duration d) {
    firstToken.record(d);
    pipeline.latency(RequestHandler.FIRST_TOKEN, d);
  }

  void generation(Duration d) {
    generation.record(d);
    pipeline.latency(RequestHandler.GENERATION, d);
  }

  private Counter counter(String name, String tag, String value) {
    return Counter.builder(name).tag("service", service).tag(tag, value).register(registry);
  }

  private Timer timer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .tag("service", service)
        .publishPercentileHistogram()
        .register(registry);
  }
}
