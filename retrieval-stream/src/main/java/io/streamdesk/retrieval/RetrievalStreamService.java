package io.streamdesk.retrieval;

import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.index.VectorIndexes;
import io.streamdesk.runtime.ops.Health;
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
 * The retrieval-stream service: opens (or shares) the knowledge-base index and runs the {@link
 * RetrievalTopology} under exactly-once with the {@link StreamsRunner}. Reads {@code
 * cs.messages.classified}, {@code cs.replies}, {@code cs.handoffs}; writes {@code
 * cs.generation.requests}, {@code cs.replies}, {@code cs.handoffs}, {@code cs.conversations},
 * {@code cs.dlq}.
 *
 * <p>The {@link VectorIndex} comes from {@link ServiceContext#shared}: in the local stack this is
 * the very index the kb-indexer writes (Lucene allows one writer per folder, and its near-real-time
 * searchers see each new KB version as soon as it is committed); with Qdrant every process connects
 * to the server. No encoder is loaded: messages arrive embedded.
 */
public final class RetrievalStreamService implements StreamDeskService {

  private static final Logger log = LoggerFactory.getLogger(RetrievalStreamService.class);

  private final RetrievalStreamConfig config;
  private final ServiceContext context;
  private VectorIndex index;
  private StreamsRunner runner;
  private boolean closed;

  public RetrievalStreamService(RetrievalStreamConfig config, ServiceContext context) {
    this.config = Objects.requireNonNull(config, "config");
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public String name() {
    return RetrievalTopology.SERVICE;
  }

  @Override
  public synchronized void start() {
    if (runner != null) {
      throw new IllegalStateException(name() + " is already started");
    }
    long begin = System.nanoTime();
    index = context.shared(VectorIndex.class, () -> VectorIndexes.open(config.knowledge()));
    RetrievalComponents components =
        RetrievalComponents.create(config, index, new RetrievalMetrics(context.meterRegistry()));
    runner =
        StreamsRunner.builder(
                name(), RetrievalTopology.build(context.topics(), context.serdes(), components))
            .kafka(context.kafka())
            .settings(config.streams())
            .meterRegistry(context.meterRegistry())
            .build();
    runner.start();
    log.info(
        "{} started in {} ms: knowledge base {} (KB version {}), KB intents {}",
        name(),
        (System.nanoTime() - begin) / 1_000_000,
        config.knowledge().describe(),
        index.version(),
        config.decision().kbIntents());
  }

  @Override
  public Map<String, HealthCheck> healthChecks() {
    Map<String, HealthCheck> checks = new LinkedHashMap<>();
    if (runner != null) {
      checks.put("streams", runner.healthCheck());
    }
    if (index != null) {
      VectorIndex kb = index;
      checks.put(
          "knowledge-base",
          () -> {
            try {
              return Health.up("KB version " + kb.version());
            } catch (RuntimeException e) {
              return Health.down("knowledge base unreachable: " + e.getMessage());
            }
          });
    }
    return checks;
  }

  @Override
  public List<String> inputs() {
    Topics topics = context.topics();
    return List.of(
        topics.messagesClassified().name(), topics.replies().name(), topics.handoffs().name());
  }

  @Override
  public List<String> outputs() {
    Topics topics = context.topics();
    return List.of(
        topics.generationRequests().name(),
        topics.replies().name(),
        topics.handoffs().name(),
        topics.conversations().name(),
        topics.dlq().name());
  }

  /** The running Streams client's runner (for tests and interactive queries). */
  public StreamsRunner runner() {
    return runner;
  }

  /** Stops the Streams client; the shared index is closed by the host with the other resources. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (runner != null) {
      runner.close();
    }
  }
}
