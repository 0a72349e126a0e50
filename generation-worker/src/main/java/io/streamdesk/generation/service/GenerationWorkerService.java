package io.streamdesk.generation.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamdesk.generation.guard.OutputGuard;
import io.streamdesk.generation.reply.ReplyGenerator;
import io.streamdesk.generation.worker.GenerationWorker;
import io.streamdesk.runtime.ops.HealthCheck;
import io.streamdesk.runtime.service.StreamDeskService;
import io.streamdesk.schemas.topics.TopicSerdes;
import java.util.List;
import java.util.Map;

/**
 * The generation worker as a StreamDesk service: reads {@code cs.generation.requests} and its retry
 * topic, writes {@code cs.replies}, {@code cs.replies.chunks}, the retry topic and {@code cs.dlq}.
 * Owns the backend and closes it after the worker has stopped.
 */
public final class GenerationWorkerService implements StreamDeskService {

  private final GenerationWorker worker;
  private final ReplyGenerator generator;

  /** A service for {@code config}; the backend (a model, possibly large) is loaded here. */
  public GenerationWorkerService(
      GenerationWorkerConfig config, TopicSerdes serdes, MeterRegistry meterRegistry) {
    this.generator = Backends.create(config);
    try {
      this.worker =
          GenerationWorker.builder()
              .kafka(config.kafka())
              .serdes(serdes)
              .settings(config.worker())
              .generator(generator)
              .extractive(Backends.extractive(config))
              .guard(new OutputGuard(config.guard()))
              .meterRegistry(meterRegistry)
              .build();
    } catch (RuntimeException e) {
      generator.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return GenerationWorker.STAGE;
  }

  @Override
  public void start() {
    worker.start();
  }

  @Override
  public Map<String, HealthCheck> healthChecks() {
    return Map.of("worker", worker.healthCheck());
  }

  @Override
  public List<String> inputs() {
    return worker.inputs();
  }

  @Override
  public List<String> outputs() {
    return worker.outputs();
  }

  /** The worker, for its state. */
  public GenerationWorker worker() {
    return worker;
  }

  @Override
  public void close() {
    try {
      worker.close();
    } finally {
      generator.close();
    }
  }
}
