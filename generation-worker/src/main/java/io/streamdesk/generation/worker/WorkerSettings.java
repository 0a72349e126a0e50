package io.streamdesk.generation.worker;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How the worker consumes, retries and stops.
 *
 * @param groupId consumer group (the topic prefix is prepended by the service)
 * @param instanceId this instance's part of the transactional.id
 * @param maxInFlight requests generated at the same time
 * @param pollTimeout longest poll when nothing is due sooner
 * @param transactionTimeout transaction.timeout.ms of the transactional producer
 * @param retryAttempts retries through the retry topic after the first failed attempt
 * @param retryDelay wait before the first retry
 * @param retryBackoffMultiplier factor applied to the wait for each further retry
 * @param exhaustedAction what ends a request whose retries are used up
 * @param deadlineAction what answers a request past its deadline
 * @param shutdownMode drain in-flight work or abort it on stop
 * @param shutdownTimeout longest drain on stop
 * @param revokeDrainTimeout how long a revoked partition's generations may finish before they are
 *     cancelled (and redone by the partition's next owner)
 */
public record WorkerSettings(
    String groupId,
    String instanceId,
    int maxInFlight,
    Duration pollTimeout,
    Duration transactionTimeout,
    int retryAttempts,
    Duration retryDelay,
    double retryBackoffMultiplier,
    ExhaustedAction exhaustedAction,
    DeadlineAction deadlineAction,
    ShutdownMode shutdownMode,
    Duration shutdownTimeout,
    Duration revokeDrainTimeout) {

  /** The final outcome of a request whose attempts all failed. */
  public enum ExhaustedAction {
    /** A FALLBACK reply (extractive answer, else "not found, shall I get a human?"). */
    FALLBACK,
    /** A ProcessingFailed dead letter on cs.dlq and no reply. */
    DLQ
  }

  /** The reply to a request whose deadline has passed. */
  public enum DeadlineAction {
    /** FALLBACK: the extractive answer from its passages, else "not found". */
    FALLBACK,
    /** HANDOFF: "a human agent will take over". */
    HANDOFF
  }

  /** What stopping does with generations in flight. */
  public enum ShutdownMode {
    /** Finish them (up to shutdown.timeout), commit, then stop. */
    DRAIN,
    /** Cancel them at once; the next owner of their partitions redoes them. */
    ABORT
  }

  public static final ConfigKey<String> GROUP_ID =
      ConfigKey.string("generation.group-id")
          .withDefault("generation-worker")
          .withDoc(
              "Consumer group of the workers (topic.prefix is prepended); workers in one group share"
                  + " the request partitions.")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<String> INSTANCE_ID =
      ConfigKey.string("generation.instance-id")
          .withDoc(
              "This worker's id, unique in the group and stable across restarts where possible"
                  + " (a pod name); the transactional.id is GROUP-ID-INSTANCE-ID, so a restarted"
                  + " instance fences its zombie. Default: a random id per start.");

  public static final ConfigKey<Integer> MAX_IN_FLIGHT =
      ConfigKey.integer("generation.max-in-flight")
          .withDefault(8)
          .withDoc(
              "Requests generated at the same time (the ONNX backend decodes them in one batch);"
                  + " fetching pauses while twice as many are uncommitted.")
          .withValidator(ConfigValidator.between(1, 1024));

  public static final ConfigKey<Duration> POLL_TIMEOUT =
      ConfigKey.duration("generation.poll-timeout")
          .withDefault(Duration.ofMillis(500))
          .withDoc("Longest consumer poll when nothing is due sooner; completions wake it at once.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> TRANSACTION_TIMEOUT =
      ConfigKey.duration("generation.transaction-timeout")
          .withDefault(Duration.ofSeconds(10))
          .withDoc(
              "transaction.timeout.ms of the transactional producer: how long a crashed worker's"
                  + " open transaction can hold back read_committed readers of cs.replies.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Integer> RETRY_ATTEMPTS =
      ConfigKey.integer("generation.retry.attempts")
          .withDefault(3)
          .withDoc(
              "Retries through the retry topic after a failed attempt (backend error, timeout);"
                  + " 0 disables the retry topic.")
          .withValidator(ConfigValidator.between(0, 100));

  public static final ConfigKey<Duration> RETRY_DELAY =
      ConfigKey.duration("generation.retry.delay")
          .withDefault(Duration.ofSeconds(2))
          .withDoc(
              "Wait before the first retry; the retry topic's partition waits, the request"
                  + " partitions do not.")
          .withValidator(ConfigValidator.nonNegativeDuration());

  public static final ConfigKey<Double> RETRY_BACKOFF_MULTIPLIER =
      ConfigKey.decimal("generation.retry.backoff-multiplier")
          .withDefault(2.0)
          .withDoc("Factor applied to the retry delay for each further retry.")
          .withValidator(ConfigValidator.between(1.0, 10.0));

  public static final ConfigKey<ExhaustedAction> EXHAUSTED_ACTION =
      ConfigKey.enumKey("generation.retry.exhausted-action", ExhaustedAction.class)
          .withDefault(ExhaustedAction.FALLBACK)
          .withDoc(
              "Outcome of a request whose attempts all failed: fallback (the customer gets a"
                  + " FALLBACK reply, extractive or 'not found') or dlq (a dead letter, no reply).");

  public static final ConfigKey<DeadlineAction> DEADLINE_ACTION =
      ConfigKey.enumKey("generation.deadline.action", DeadlineAction.class)
          .withDefault(DeadlineAction.FALLBACK)
          .withDoc(
              "Reply to a request past its deadline (also when generation runs past it and is"
                  + " cancelled): fallback (extractive answer, else 'not found') or handoff.");

  public static final ConfigKey<ShutdownMode> SHUTDOWN_MODE =
      ConfigKey.enumKey("generation.shutdown.mode", ShutdownMode.class)
          .withDefault(ShutdownMode.DRAIN)
          .withDoc(
              "On stop: drain (finish in-flight generations up to shutdown.timeout, commit) or"
                  + " abort (cancel them; the partitions' next owner redoes them).");

  public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT =
      ConfigKey.duration("generation.shutdown.timeout")
          .withDefault(Duration.ofSeconds(30))
          .withDoc("Longest drain on stop; what is unfinished then is cancelled.")
          .withValidator(ConfigValidator.nonNegativeDuration());

  public static final ConfigKey<Duration> REVOKE_DRAIN_TIMEOUT =
      ConfigKey.duration("generation.rebalance.drain-timeout")
          .withDefault(Duration.ofSeconds(2))
          .withDoc(
              "How long generations of a partition taken away by a rebalance may finish (and"
                  + " commit) before they are cancelled and left to the new owner.")
          .withValidator(ConfigValidator.nonNegativeDuration());

  public static final ConfigDefinition DEFINITION =
      ConfigDefinition.of(
          "generation-worker-loop",
          GROUP_ID,
          INSTANCE_ID,
          MAX_IN_FLIGHT,
          POLL_TIMEOUT,
          TRANSACTION_TIMEOUT,
          RETRY_ATTEMPTS,
          RETRY_DELAY,
          RETRY_BACKOFF_MULTIPLIER,
          EXHAUSTED_ACTION,
          DEADLINE_ACTION,
          SHUTDOWN_MODE,
          SHUTDOWN_TIMEOUT,
          REVOKE_DRAIN_TIMEOUT);

  public WorkerSettings {
    Objects.requireNonNull(groupId, "groupId");
    if (instanceId == null || instanceId.isBlank()) {
      instanceId = UUID.randomUUID().toString();
    }
    if (maxInFlight < 1 || retryAttempts < 0 || retryBackoffMultiplier < 1) {
      throw new IllegalArgumentException(
          "worker settings: max-in-flight >= 1, retry attempts >= 0, backoff multiplier >= 1");
    }
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    Objects.requireNonNull(transactionTimeout, "transactionTimeout");
    Objects.requireNonNull(retryDelay, "retryDelay");
    Objects.requireNonNull(exhaustedAction, "exhaustedAction");
    Objects.requireNonNull(deadlineAction, "deadlineAction");
    Objects.requireNonNull(shutdownMode, "shutdownMode");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(revokeDrainTimeout, "revokeDrainTimeout");
  }

  public static WorkerSettings defaults() {
    return new WorkerSettings(
        "generation-worker",
        null,
        8,
        Duration.ofMillis(500),
        Duration.ofSeconds(10),
        3,
        Duration.ofSeconds(2),
        2.0,
        ExhaustedAction.FALLBACK,
        DeadlineAction.FALLBACK,
        ShutdownMode.DRAIN,
        Duration.ofSeconds(30),
        Duration.ofSeconds(2));
  }

  public static WorkerSettings from(ConfigValues values) {
    return new WorkerSettings(
        values.get(GROUP_ID),
        values.find(INSTANCE_ID).orElse(null),
        values.get(MAX_IN_FLIGHT),
        values.get(POLL_TIMEOUT),
        values.get(TRANSACTION_TIMEOUT),
        values.get(RETRY_ATTEMPTS),
        values.get(RETRY_DELAY),
        values.get(RETRY_BACKOFF_MULTIPLIER),
        values.get(EXHAUSTED_ACTION),
        values.get(DEADLINE_ACTION),
        values.get(SHUTDOWN_MODE),
        values.get(SHUTDOWN_TIMEOUT),
        values.get(REVOKE_DRAIN_TIMEOUT));
  }

  /** The transactional.id: unique per live instance of the group. */
  public String transactionalId() {
    return groupId + "-" + instanceId;
  }

  /** The wait before retry number {@code attempt} (1 for the first retry). */
  public Duration retryDelay(int attempt) {
    double factor = Math.pow(retryBackoffMultiplier, Math.max(0, attempt - 1));
    return Duration.ofMillis(Math.round(retryDelay.toMillis() * factor));
  }

  public WorkerSettings withGroupId(String value) {
    return new WorkerSettings(
        value,
        instanceId,
        maxInFlight,
        pollTimeout,
        transactionTimeout,
        retryAttempts,
        retryDelay,
        retryBackoffMultiplier,
        exhaustedAction,
        deadlineAction,
        shutdownMode,
        shutdownTimeout,
        revokeDrainTimeout);
  }

  public WorkerSettings withInstanceId(String value) {
    return new WorkerSettings(
        groupId,
        value,
        maxInFlight,
        pollTimeout,
        transactionTimeout,
        retryAttempts,
        retryDelay,
        retryBackoffMultiplier,
        exhaustedAction,
        deadlineAction,
        shutdownMode,
        shutdownTimeout,
        revokeDrainTimeout);
  }

  public WorkerSettings withMaxInFlight(int value) {
    return new WorkerSettings(
        groupId,
        instanceId,
        value,
        pollTimeout,
        transactionTimeout,
        retryAttempts,
        retryDelay,
        retryBackoffMultiplier,
        exhaustedAction,
        deadlineAction,
        shutdownMode,
        shutdownTimeout,
        revokeDrainTimeout);
  }

  public WorkerSettings withRetry(int attempts, Duration delay, ExhaustedAction exhausted) {
    return new WorkerSettings(
        groupId,
        instanceId,
        maxInFlight,
        pollTimeout,
        transactionTimeout,
        attempts,
        delay,
        retryBackoffMultiplier,
        exhausted,
        deadlineAction,
        shutdownMode,
        shutdownTimeout,
        revokeDrainTimeout);
  }

  public WorkerSettings withDeadlineAction(DeadlineAction value) {
    return new WorkerSettings(
        groupId,
        instanceId,
        maxInFlight,
        pollTimeout,
        transactionTimeout,
        retryAttempts,
        retryDelay,
        retryBackoffMultiplier,
        exhaustedAction,
        value,
        shutdownMode,
        shutdownTimeout,
        revokeDrainTimeout);
  }

  public WorkerSettings withShutdown(ShutdownMode mode, Duration timeout) {
    return new WorkerSettings(
        groupId,
        instanceId,
        maxInFlight,
        pollTimeout,
        transactionTimeout,
        retryAttempts,
        retryDelay,
        retryBackoffMultiplier,
        exhaustedAction,
        deadlineAction,
        mode,
        timeout,
        revokeDrainTimeout);
  }
}
