package io.streamdesk.kb.consumer;

import io.streamdesk.runtime.ops.Health;
import io.streamdesk.runtime.ops.HealthCheck;
import io.streamdesk.runtime.service.StreamDeskService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The kb-indexer as a service: runs the {@code cs.kb.documents} consumer on its own thread. Healthy
 * while the loop runs and has polled recently; DOWN once it stopped on an error.
 */
public final class KbIndexerService implements StreamDeskService {

  public static final String NAME = "kb-indexer";

  private final KnowledgeDocumentConsumer consumer;
  private final List<String> inputs;
  private final List<String> outputs;
  private final Duration stallAfter;
  private Thread thread;

  public KbIndexerService(
      KnowledgeDocumentConsumer consumer, String input, String output, Duration stallAfter) {
    this.consumer = consumer;
    this.inputs = List.of(input);
    this.outputs = List.of(output);
    this.stallAfter = stallAfter;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = Thread.ofPlatform().name("kb-indexer-consumer").unstarted(consumer);
    thread.start();
  }

  @Override
  public Map<String, HealthCheck> healthChecks() {
    return Map.of("consumer", this::health);
  }

  private Health health() {
    if (consumer.crash() != null) {
      return Health.down("stopped: " + consumer.crash());
    }
    Instant last = consumer.lastPoll();
    if (last == null) {
      return Health.up("starting");
    }
    // A poll loop busy embedding a large batch polls rarely; only a long silence is a stall.
    Duration since = Duration.between(last, Instant.now());
    return since.compareTo(stallAfter) > 0
        ? Health.down("no poll for " + since.toSeconds() + " s")
        : Health.up("polled " + since.toMillis() + " ms ago");
  }

  @Override
  public List<String> inputs() {
    return inputs;
  }

  @Override
  public List<String> outputs() {
    return outputs;
  }

  @Override
  public synchronized void close() {
    consumer.close();
  }
}
