package io.streamdesk.retrieval;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamdesk.retrieval.decision.DecisionPath;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The retrieval stream's metrics (Micrometer, exported by the ops endpoint):
 *
 * <ul>
 *   <li>{@code retrieval.decisions{path}}: messages per decision path (generate, cache_hit,
 *       clarify, repeated_failure, handoff, greeting, refuse, complaint, feedback, out_of_scope,
 *       unavailable);
 *   <li>{@code retrieval.search.latency}: time in the index per search (histogram);
 *   <li>{@code retrieval.step.latency}: a message's whole decision, search included (histogram);
 *   <li>{@code retrieval.cache.lookups{result}} and the gauge {@code retrieval.cache.hit.ratio};
 *   <li>{@code retrieval.cache.fills};
 *   <li>{@code retrieval.model.mismatch{language}}: keyword-only searches because the carried
 *       vector was made by another model than the language's index;
 *   <li>{@code retrieval.followups}: messages searched with the previous turn's context;
 *   <li>{@code retrieval.conversations.closed}: conversations closed by the idle timeout.
 * </ul>
 */
public final class RetrievalMetrics {

  private final MeterRegistry registry;
  private final Map<DecisionPath, Counter> decisions = new EnumMap<>(DecisionPath.class);
  private final Timer search;
  private final Timer step;
  private final Counter hits;
  private final Counter misses;
  private final Counter fills;
  private final Counter followUps;
  private final Counter closed;
  private final AtomicLong hitCount = new AtomicLong();
  private final AtomicLong lookupCount = new AtomicLong();

  public RetrievalMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (DecisionPath path : DecisionPath.values()) {
      decisions.put(
          path,
          Counter.builder("retrieval.decisions")
              .description("Classified messages per decision path")
              .tag("path", path.tag())
              .register(registry));
    }
    search =
        latencyTimer("retrieval.search.latency", "Time in the knowledge-base index per search");
    step =
        latencyTimer(
            "retrieval.step.latency", "A message's decision in retrieval, search included");
    hits = cacheCounter("hit");
    misses = cacheCounter("miss");
    fills =
        Counter.builder("retrieval.cache.fills")
            .description("Generated answers stored in the answer cache")
            .register(registry);
    followUps =
        Counter.builder("retrieval.followups")
            .description("Messages searched with the previous turn's context")
            .register(registry);
    closed =
        Counter.builder("retrieval.conversations.closed")
            .description("Conversations closed by the idle timeout")
            .register(registry);
    Gauge.builder("retrieval.cache.hit.ratio", this, RetrievalMetrics::cacheHitRatio)
        .description("Answer-cache hits per cacheable lookup since start")
        .register(registry);
  }

  private Timer latencyTimer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .publishPercentiles(0.5, 0.99)
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(5))
        .register(registry);
  }

  private Counter cacheCounter(String result) {
    return Counter.builder("retrieval.cache.lookups")
        .description("Answer-cache lookups of cacheable questions")
        .tag("result", result)
        .register(registry);
  }

  public void decision(DecisionPath path) {
    decisions.get(path).increment();
  }

  public void search(long nanos) {
    search.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void step(long nanos) {
    step.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void cacheLookup(boolean hit) {
    lookupCount.incrementAndGet();
    if (hit) {
      hitCount.incrementAndGet();
      hits.increment();
    } else {
      misses.increment();
    }
  }

  public void cacheFilled() {
    fills.increment();
  }

  public void followUp() {
    followUps.increment();
  }

  public void modelMismatch(String language) {
    Counter.builder("retrieval.model.mismatch")
        .description("Keyword-only searches: the carried vector's model is not the index's")
        .tag("language", language)
        .register(registry)
        .increment();
  }

  public void conversationsClosed(int count) {
    closed.increment(count);
  }

  /** Hits per cacheable lookup since start; 0 before the first lookup. */
  public double cacheHitRatio() {
    long lookups = lookupCount.get();
    return lookups == 0 ? 0 : (double) hitCount.get() / lookups;
  }

  public long decisions(DecisionPath path) {
    return (long) decisions.get(path).count();
  }

  public Timer searchTimer() {
    return search;
  }

  public Timer stepTimer() {
    return step;
  }
}
