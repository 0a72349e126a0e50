package io.streamdesk.generation.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamdesk.schemas.events.ReplyAction;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The worker's Micrometer meters, tagged {@code service}: requests consumed, replies committed by
 * action, latency histograms (queue wait, time to first token, generation), in-flight generations,
 * retries, dead letters, deadline expiries, guard rewrites, transactions and chunk send errors.
 */
final class WorkerMetrics {

  private final MeterRegistry registry;
  private final String service;
  private final Timer queue;
  private final Timer firstToken;
  private final Timer generation;

  WorkerMetrics(MeterRegistry registry, String service, Supplier<Number> inFlight) {
    this.registry = registry;
    this.service = service;
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
  }

  void retry() {
    counter("generation.retries", "reason", "failure").increment();
  }

  void deadLetter(String kind) {
    counter("generation.dlq", "kind", kind).increment();
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
  }

  void timeToFirstToken(Duration d) {
    firstToken.record(d);
  }

  void generation(Duration d) {
    generation.record(d);
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
