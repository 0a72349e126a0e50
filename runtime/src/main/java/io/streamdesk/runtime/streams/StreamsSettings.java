package io.streamdesk.runtime.streams;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import io.streamdesk.runtime.config.Configuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a Kafka Streams application of StreamDesk runs: state directory, commit interval, producer
 * linger, threads, time limits, and raw overrides. The exactly-once guarantee is not a setting.
 *
 * <p>Latency: under exactly_once_v2 a downstream read_committed consumer sees a record only when
 * its transaction commits, every {@code commit.interval.ms}; and Streams' producer waits {@code
 * linger.ms} (100 ms by Streams' default) to batch. Both are paid on every hop, so both default low
 * here: 50 ms and 5 ms. Raise them for throughput, measure end to end.
 *
 * @param stateDir where RocksDB state stores live
 * @param commitInterval {@code commit.interval.ms}: how often offsets and the transaction commit
 * @param linger producer {@code linger.ms}
 * @param threads {@code num.stream.threads}
 * @param cleanUpOnStart wipe this application's local state before starting (rebuild from
 *     changelogs); for recovery only
 * @param startTimeout how long {@code start()} waits for RUNNING
 * @param closeTimeout how long {@code close()} waits for a clean shutdown
 * @param overrides {@code streams.config.*} keys, prefix stripped, applied last
 */
public record StreamsSettings(
    Path stateDir,
    Duration commitInterval,
    Duration linger,
    int threads,
    boolean cleanUpOnStart,
    Duration startTimeout,
    Duration closeTimeout,
    Map<String, String> overrides) {

  public static final String OVERRIDES_PREFIX = "streams.config.";

  public static final ConfigKey<Path> STATE_DIR =
      ConfigKey.path("streams.state.dir")
          .withDefault(Path.of(System.getProperty("java.io.tmpdir"), "streamdesk-streams"))
          .withDoc("Directory of the Kafka Streams state stores (RocksDB); keep it on local disk.");

  public static final ConfigKey<Duration> COMMIT_INTERVAL =
      ConfigKey.duration("streams.commit.interval")
          .withDefault(Duration.ofMillis(50))
          .withDoc(
              "commit.interval.ms: under exactly-once each hop's output becomes visible only at"
                  + " commit, so this bounds the added latency per hop (Streams' EOS default is"
                  + " 100ms).")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> LINGER =
      ConfigKey.duration("streams.producer.linger")
          .withDefault(Duration.ofMillis(5))
          .withDoc(
              "Producer linger.ms of the Streams app (Streams' default of 100ms costs ~110ms per"
                  + " hop).")
          .withValidator(ConfigValidator.nonNegativeDuration());

  public static final ConfigKey<Integer> THREADS =
      ConfigKey.integer("streams.num.threads")
          .withDefault(1)
          .withDoc("num.stream.threads: processing threads in this instance.")
          .withValidator(ConfigValidator.between(1, 64));

  public static final ConfigKey<Boolean> CLEAN_UP_ON_START =
      ConfigKey.bool("streams.cleanup.on.start")
          .withDefault(false)
          .withDoc(
              "Delete this application's local state before start so it is rebuilt from the"
                  + " changelogs. Recovery only.");

  public static final ConfigKey<Duration> START_TIMEOUT =
      ConfigKey.duration("streams.start.timeout")
          .withDefault(Duration.ofSeconds(60))
          .withDoc("How long start-up waits for the RUNNING state.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> CLOSE_TIMEOUT =
      ConfigKey.duration("streams.close.timeout")
          .withDefault(Duration.ofSeconds(30))
          .withDoc("How long shutdown waits for the threads to finish and commit.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigDefinition DEFINITION =
      ConfigDefinition.of(
              "streams",
              STATE_DIR,
              COMMIT_INTERVAL,
              LINGER,
              THREADS,
              CLEAN_UP_ON_START,
              START_TIMEOUT,
              CLOSE_TIMEOUT)
          .withPassThrough(
              OVERRIDES_PREFIX,
              "Any Kafka Streams config, applied last, e.g."
                  + " streams.config.num.standby.replicas=1.");

  public StreamsSettings {
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(linger, "linger");
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    overrides = Map.copyOf(overrides);
  }

  public static StreamsSettings from(ConfigValues values) {
    return new StreamsSettings(
        values.get(STATE_DIR),
        values.get(COMMIT_INTERVAL),
        values.get(LINGER),
        values.get(THREADS),
        values.get(CLEAN_UP_ON_START),
        values.get(START_TIMEOUT),
        values.get(CLOSE_TIMEOUT),
        values.passThrough(OVERRIDES_PREFIX));
  }

  /** Every key at its default. */
  public static StreamsSettings defaults() {
    return from(Configuration.of(Map.of()).resolve(DEFINITION));
  }

  /** The same settings with another start timeout. */
  public StreamsSettings withStartTimeout(Duration timeout) {
    return new StreamsSettings(
        stateDir,
        commitInterval,
        linger,
        threads,
        cleanUpOnStart,
        timeout,
        closeTimeout,
        overrides);
  }

  /** The same settings with another state directory (tests, several apps in one JVM). */
  public StreamsSettings withStateDir(Path dir) {
    return new StreamsSettings(
        dir,
        commitInterval,
        linger,
        threads,
        cleanUpOnStart,
        startTimeout,
        closeTimeout,
        overrides);
  }
}
