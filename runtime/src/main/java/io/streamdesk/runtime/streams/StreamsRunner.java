package io.streamdesk.runtime.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.dlq.DeadLetterConfig;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.runtime.ops.Health;
import io.streamdesk.runtime.ops.HealthCheck;
import io.streamdesk.runtime.ops.OpsServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the lifecycle of one service's {@link KafkaStreams} around a {@link Topology} that a
 * topology class built (topology classes stay pure and never create a KafkaStreams): the
 * configuration of {@link StreamsProperties}, a state listener that logs transitions, the
 * uncaught-exception policy, a health check derived from the state, Micrometer metrics (Kafka
 * Streams' own, and dead letters counted by the handlers), {@link #start()} that waits for RUNNING,
 * and {@link #close(Duration)}. Local state is wiped only when {@link
 * StreamsSettings#cleanUpOnStart()} says so.
 *
 * <pre>{@code
 * try (StreamsRunner runner = StreamsRunner.builder("intent-stream", IntentTopology.build(...))
 *         .kafka(kafka).settings(streams).ops(ops).build().start()) {
 *   ...
 * }
 * }</pre>
 */
public final class StreamsRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

  private final String service;
  private final String applicationId;
  private final StreamsSettings settings;
  private final Map<String, Object> properties;
  private final KafkaStreams streams;
  private final OpsServer ops;
  private final KafkaStreamsMetrics metrics;
  private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  private final AtomicReference<Throwable> lastError = new AtomicReference<>();
  private final Object stateLock = new Object();
  private volatile boolean closed;

  private StreamsRunner(Builder b) {
    this.service = b.service;
    this.settings = b.settings;
    this.applicationId = StreamsProperties.applicationId(b.service, b.kafka);
    MeterRegistry registry =
        b.meterRegistry != null ? b.meterRegistry : b.ops == null ? null : b.ops.meterRegistry();
    Map<String, Object> props =
        new LinkedHashMap<>(
            StreamsProperties.of(b.service, b.kafka, b.settings, b.deadLetterHandlers));
    if (registry != null) {
      // The dead-letter handlers and DeadLetterProcessor count what they write in it.
      props.put(DeadLetterConfig.METER_REGISTRY, registry);
    }
    props.putAll(b.extraProperties);
    this.properties = Map.copyOf(props);
    Properties asProperties = new Properties();
    asProperties.putAll(properties);
    this.streams = new KafkaStreams(b.topology, asProperties);

    StreamsUncaughtExceptionHandler policy =
        b.uncaughtExceptionHandler != null
            ? b.uncaughtExceptionHandler
            : new RetryTransientThenShutdown(service);
    streams.setUncaughtExceptionHandler(
        e -> {
          lastError.set(e);
          return policy.handle(e);
        });
    KafkaStreams.StateListener extra = b.stateListener;
    streams.setStateListener(
        (next, previous) -> {
          onStateChange(next, previous);
          if (extra != null) {
            extra.onChange(next, previous);
          }
        });

    this.ops = b.ops;
    if (registry != null) {
      this.metrics =
          new KafkaStreamsMetrics(
              streams, Tags.of(PipelineMetrics.KAFKA_APPLICATION_TAG, applicationId));
      metrics.bindTo(registry);
    } else {
      this.metrics = null;
    }
    if (ops != null) {
      ops.register(service, healthCheck());
    }
  }

  /**
   * A runner for one service's topology.
   *
   * @param service the service name (stage of its dead letters, base of its application id)
   * @param topology the topology its topology class built
   */
  public static Builder builder(String service, Topology topology) {
    return new Builder(service, topology);
  }

  /** Starts processing and waits until RUNNING, at most {@link StreamsSettings#startTimeout()}. */
  public StreamsRunner start() {
    if (settings.cleanUpOnStart()) {
      log.warn(
          "{}: wiping local state in {} before start (cleanup on start)",
          service,
          settings.stateDir());
      streams.cleanUp();
    }
    long begin = System.nanoTime();
    streams.start();
    awaitRunning(settings.startTimeout());
    log.info(
        "{}: Kafka Streams {} running after {} ms",
        service,
        applicationId,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    return this;
  }

  /** The current state of the Streams client. */
  public State state() {
    return streams.state();
  }

  /** UP while RUNNING or REBALANCING, DOWN otherwise (with the last fatal error, if any). */
  public HealthCheck healthCheck() {
    return () -> {
      State now = streams.state();
      if (now == State.RUNNING || now == State.REBALANCING) {
        return Health.up(now.name());
      }
      Throwable error = lastError.get();
      return Health.down(error == null ? now.name() : now.name() + ": " + error);
    };
  }

  /** The Streams client itself, for interactive queries. */
  public KafkaStreams kafkaStreams() {
    return streams;
  }

  /** The application id ({@code topic.prefix} + service). */
  public String applicationId() {
    return applicationId;
  }

  /**
   * The effective Streams configuration. It holds the registry credentials: hand it on, never log
   * it.
   */
  public Map<String, Object> properties() {
    return properties;
  }

  /** Closes the client on JVM shutdown (Ctrl-C, SIGTERM), for a service's {@code main}. */
  public StreamsRunner closeOnJvmShutdown() {
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name(service + "-shutdown").unstarted(this::close));
    return this;
  }

  /** Closes within {@link StreamsSettings#closeTimeout()}. */
  @Override
  public void close() {
    close(settings.closeTimeout());
  }

  /** Stops processing, commits, and leaves; waits at most {@code timeout}. */
  public synchronized void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    boolean clean = streams.close(timeout);
    if (!clean) {
      log.warn("{}: Kafka Streams did not stop within {}", service, timeout);
    }
    if (metrics != null) {
      metrics.close();
    }
    if (ops != null) {
      ops.unregister(service);
    }
  }

  private void onStateChange(State next, State previous) {
    state.set(next);
    if (next == State.ERROR || next == State.PENDING_ERROR) {
      log.error("{}: Kafka Streams {} -> {}", service, previous, next);
    } else {
      log.info("{}: Kafka Streams {} -> {}", service, previous, next);
    }
    synchronized (stateLock) {
      stateLock.notifyAll();
    }
  }

  private void awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String failure;
    // Reads the listener's copy of the state: calling streams.state() while holding stateLock
    // could deadlock against a stream thread that notifies while holding Streams' own lock.
    synchronized (stateLock) {
      while (true) {
        State now = state.get();
        if (now == State.RUNNING) {
          return;
        }
        if (now != State.CREATED && !now.isRunningOrRebalancing()) {
          failure = "stopped in state " + now + " while starting";
          break;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          failure = "not RUNNING after " + timeout + " (state " + now + ")";
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(stateLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = "interrupted while starting";
          break;
        }
      }
    }
    fail(failure);
  }

  private void fail(String why) {
    Throwable cause = lastError.get();
    close(settings.closeTimeout());
    throw new StreamsStartException(
        service
            + ": Kafka Streams "
            + applicationId
            + " "
            + why
            + (cause == null ? "" : ": " + cause),
        cause);
  }

  /** Builder of a {@link StreamsRunner}. */
  public static final class Builder {
    private final String service;
    private final Topology topology;
    private KafkaSettings kafka;
    private StreamsSettings settings = StreamsSettings.defaults();
    private OpsServer ops;
    private MeterRegistry meterRegistry;
    private boolean deadLetterHandlers = true;
    private StreamsUncaughtExceptionHandler uncaughtExceptionHandler;
    private KafkaStreams.StateListener stateListener;
    private final Map<String, Object> extraProperties = new LinkedHashMap<>();

    private Builder(String service, Topology topology) {
      this.service = Objects.requireNonNull(service, "service");
      this.topology = Objects.requireNonNull(topology, "topology");
    }

    /** Brokers, registry, catalogue and client overrides (required). */
    public Builder kafka(KafkaSettings kafka) {
      this.kafka = Objects.requireNonNull(kafka, "kafka");
      return this;
    }

    /** Streams settings; {@link StreamsSettings#defaults()} otherwise. */
    public Builder settings(StreamsSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Registers the health check under the service name and binds metrics to its registry. */
    public Builder ops(OpsServer ops) {
      this.ops = Objects.requireNonNull(ops, "ops");
      return this;
    }

    /** Binds Kafka Streams metrics here instead of (or without) an ops endpoint. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Whether the dead-letter exception handlers are installed (default true). */
    public Builder deadLetterHandlers(boolean install) {
      this.deadLetterHandlers = install;
      return this;
    }

    /** Replaces the default {@link RetryTransientThenShutdown} policy. */
    public Builder uncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
      this.uncaughtExceptionHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** A listener called after the runner's own on every state change. */
    public Builder stateListener(KafkaStreams.StateListener listener) {
      this.stateListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Any Streams config, applied over everything else. */
    public Builder property(String key, Object value) {
      extraProperties.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public StreamsRunner build() {
      if (kafka == null) {
        throw new IllegalStateException(service + ": StreamsRunner needs kafka(KafkaSettings)");
      }
      return new StreamsRunner(this);
    }
  }
}
