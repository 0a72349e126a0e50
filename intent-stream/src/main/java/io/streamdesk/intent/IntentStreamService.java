package io.streamdesk.intent;

import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.runtime.ops.HealthCheck;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.StreamDeskService;
import io.streamdesk.runtime.streams.StreamsRunner;
import io.streamdesk.schemas.topics.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intent-stream service: warms the (JVM-shared) encoders, opens the classifier, and runs the
 * {@link IntentTopology} under exactly-once with the {@link StreamsRunner}. Reads {@code
 * cs.messages.inbound}; writes {@code cs.messages.classified}, {@code cs.handoffs}, {@code cs.dlq}.
 *
 * <p>The {@link LanguageRouter} comes from {@link ServiceContext#shared}, so in the local stack the
 * indexer and this service load each ONNX model once; the host closes it after every service.
 */
public final class IntentStreamService implements StreamDeskService {

  private static final Logger log = LoggerFactory.getLogger(IntentStreamService.class);

  private final IntentStreamConfig config;
  private final ServiceContext context;
  private ServedClassifier classifier;
  private StreamsRunner runner;
  private boolean closed;

  public IntentStreamService(IntentStreamConfig config, ServiceContext context) {
    this.config = Objects.requireNonNull(config, "config");
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public String name() {
    return IntentTopology.SERVICE;
  }

  @Override
  public synchronized void start() {
    if (runner != null) {
      throw new IllegalStateException(name() + " is already started");
    }
    long begin = System.nanoTime();
    LanguageRouter router =
        context.shared(
            LanguageRouter.class,
            () -> LanguageRouter.withOnnxModels(config.routing(), config.encoder()));
    Map<String, String> models = EncoderWarmup.warm(router, config.routing());
    classifier = ServedClassifier.open(config.classifier(), config.routing(), router);
    IntentComponents components = new IntentComponents(config, router, classifier.scorer());
    runner =
        StreamsRunner.builder(name(), components.topology(context.topics(), context.serdes()))
            .kafka(context.kafka())
            .settings(config.streams())
            .meterRegistry(context.meterRegistry())
            .build();
    runner.start();
    log.info(
        "{} started in {} ms: encoders {}, classifier {}",
        name(),
        (System.nanoTime() - begin) / 1_000_000,
        models,
        classifier.description());
  }

  @Override
  public Map<String, HealthCheck> healthChecks() {
    Map<String, HealthCheck> checks = new LinkedHashMap<>();
    if (runner != null) {
      checks.put("streams", runner.healthCheck());
    }
    if (classifier != null) {
      checks.put("classifier", classifier.healthCheck());
    }
    return checks;
  }

  @Override
  public List<String> inputs() {
    return List.of(context.topics().messagesInbound().name());
  }

  @Override
  public List<String> outputs() {
    Topics topics = context.topics();
    return List.of(
        topics.messagesClassified().name(), topics.handoffs().name(), topics.dlq().name());
  }

  /** The running Streams client's runner (for tests and interactive queries). */
  public StreamsRunner runner() {
    return runner;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (runner != null) {
        runner.close();
      }
    } finally {
      if (classifier != null) {
        classifier.close();
      }
    }
  }
}
