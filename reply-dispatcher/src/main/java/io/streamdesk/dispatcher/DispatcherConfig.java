package io.streamdesk.dispatcher;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reply dispatcher's configuration: channel webhooks, the ticket webhook, retries, concurrency
 * and deduplication. Every key is declared here with its default and documented in {@link
 * #DEFINITION}; {@link #from(ConfigValues)} validates them all and reports every problem at once.
 *
 * @param groupId consumer group (without the topic prefix)
 * @param autoOffsetReset where a new consumer group starts reading
 * @param channels reply webhooks by canonical channel name
 * @param tickets the ticket webhook for handoffs, or null when none is configured
 * @param skipUnconfiguredChannels whether replies of a channel without a webhook (and handoffs
 *     without a ticket webhook) are skipped (counted, nothing recorded) instead of failed
 * @param retry backoff and attempt limit
 * @param connectTimeout TCP/TLS connect timeout of the shared HTTP client
 * @param maxConcurrentRequests HTTP calls in flight at once, over all webhooks
 * @param maxPendingRecords consumed records not yet finished before the consumer pauses
 * @param dedupTtl how long a delivered id is remembered (and how far back the ledger is rebuilt)
 * @param startTimeout how long start-up waits for the first partition assignment
 * @param shutdownTimeout how long a stop or a rebalance waits for in-flight HTTP calls
 */
public record DispatcherConfig(
    String groupId,
    OffsetReset autoOffsetReset,
    Map<String, WebhookEndpoint> channels,
    WebhookEndpoint tickets,
    boolean skipUnconfiguredChannels,
    RetryPolicy retry,
    Duration connectTimeout,
    int maxConcurrentRequests,
    int maxPendingRecords,
    Duration dedupTtl,
    Duration startTimeout,
    Duration shutdownTimeout) {

  /** The component name of the definition and of every configuration error. */
  public static final String COMPONENT = "reply-dispatcher";

  /** Where a consumer group without committed offsets starts. */
  public enum OffsetReset {
    EARLIEST,
    LATEST;

    /** The value of Kafka's {@code auto.offset.reset}. */
    public String kafkaValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final String CHANNEL_PREFIX = "dispatcher.channel.";
  public static final String TICKETS_HEADER_PREFIX = "dispatcher.tickets.header.";

  public static final ConfigKey<String> GROUP_ID =
      ConfigKey.string("dispatcher.group-id")
          .withDefault("reply-dispatcher")
          .withDoc(
              "Consumer group of the dispatcher instances (topic.prefix is put in front); all"
                  + " instances of one deployment share it and split the partitions.")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<OffsetReset> AUTO_OFFSET_RESET =
      ConfigKey.enumKey("dispatcher.auto-offset-reset", OffsetReset.class)
          .withDefault(OffsetReset.LATEST)
          .withDoc(
              "Where a consumer group with no committed offsets starts: latest (default) so a new"
                  + " deployment does not send a year of old replies to customers; earliest to"
                  + " deliver what is already on the topics (the deduplication ledger only covers"
                  + " dispatcher.dedup.ttl).");

  public static final ConfigKey<Duration> DEFAULT_TIMEOUT =
      ConfigKey.duration("dispatcher.default-timeout")
          .withDefault(Duration.ofSeconds(10))
          .withDoc(
              "Timeout of one webhook attempt (until the response headers arrive) for webhooks"
                  + " that set no timeout of their own; a timeout is retried.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> CONNECT_TIMEOUT =
      ConfigKey.duration("dispatcher.connect-timeout")
          .withDefault(Duration.ofSeconds(5))
          .withDoc("Connect timeout of the HTTP client; a failed connect is retried.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<URI> TICKETS_URL =
      ConfigKey.uri("dispatcher.tickets.url")
          .withDoc(
              "Ticket webhook that receives every handoff (cs.handoffs) as JSON; without it,"
                  + " handoffs follow dispatcher.skip-unconfigured-channels.");

  public static final ConfigKey<Secret> TICKETS_SECRET =
      ConfigKey.secret("dispatcher.tickets.secret")
          .withDoc("HMAC-SHA256 key that signs ticket deliveries; required with the URL.");

  public static final ConfigKey<Duration> TICKETS_TIMEOUT =
      ConfigKey.duration("dispatcher.tickets.timeout")
          .withDoc("Timeout of one ticket-webhook attempt; dispatcher.default-timeout if unset.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Boolean> SKIP_UNCONFIGURED =
      ConfigKey.bool("dispatcher.skip-unconfigured-channels")
          .withDefault(true)
          .withDoc(
              "true: a reply whose channel has no webhook (e.g. web, served by SSE) or a handoff"
                  + " without a ticket webhook is skipped: no attempt, nothing on cs.deliveries or"
                  + " cs.dlq, counted in streamdesk_dispatcher_deliveries_total{outcome=skipped}."
                  + " false: it is recorded as DeliveryFailed ('no webhook configured',"
                  + " retryable=false) and dead-lettered.");

  public static final ConfigKey<Integer> MAX_ATTEMPTS =
      ConfigKey.integer("dispatcher.retry.max-attempts")
          .withDefault(6)
          .withDoc(
              "Attempts per delivery, the first included, on 5xx, 429, timeouts and connection"
                  + " errors; then DeliveryFailed (retryable=true) and a dead letter.")
          .withValidator(ConfigValidator.between(1, 100));

  public static final ConfigKey<Duration> INITIAL_BACKOFF =
      ConfigKey.duration("dispatcher.retry.initial-backoff")
          .withDefault(Duration.ofSeconds(1))
          .withDoc("Backoff after the first failed attempt, before jitter.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Double> MULTIPLIER =
      ConfigKey.decimal("dispatcher.retry.multiplier")
          .withDefault(2.0)
          .withDoc("Factor the backoff grows by after each failed attempt.")
          .withValidator(ConfigValidator.between(1.0, 10.0));

  public static final ConfigKey<Duration> MAX_BACKOFF =
      ConfigKey.duration("dispatcher.retry.max-backoff")
          .withDefault(Duration.ofMinutes(1))
          .withDoc("Ceiling of the backoff before jitter.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Double> JITTER =
      ConfigKey.decimal("dispatcher.retry.jitter")
          .withDefault(0.2)
          .withDoc(
              "Relative spread of each backoff: 0.2 waits between 0.8x and 1.2x of it, so"
                  + " deliveries that failed together do not retry together.")
          .withValidator(ConfigValidator.between(0.0, 1.0));

  public static final ConfigKey<Duration> MAX_RETRY_AFTER =
      ConfigKey.duration("dispatcher.retry.max-retry-after")
          .withDefault(Duration.ofMinutes(5))
          .withDoc(
              "Ceiling of an honoured Retry-After (429 or 503): the next attempt waits"
                  + " max(backoff, min(Retry-After, this)).")
          .withValidator(ConfigValidator.nonNegativeDuration());

  public static final ConfigKey<Integer> MAX_CONCURRENT_REQUESTS =
      ConfigKey.integer("dispatcher.max-concurrent-requests")
          .withDefault(64)
          .withDoc(
              "Webhook calls in flight at once over all endpoints (each on its own virtual"
                  + " thread); deliveries waiting for a backoff do not count.")
          .withValidator(ConfigValidator.between(1, 10_000));

  public static final ConfigKey<Integer> MAX_PENDING_RECORDS =
      ConfigKey.integer("dispatcher.max-pending-records")
          .withDefault(10_000)
          .withDoc(
              "Consumed records not finished yet (in flight, waiting for a retry or queued behind"
                  + " their conversation) above which the consumer pauses; it resumes at half.")
          .withValidator(ConfigValidator.between(1, 1_000_000));

  public static final ConfigKey<Duration> DEDUP_TTL =
      ConfigKey.duration("dispatcher.dedup.ttl")
          .withDefault(Duration.ofDays(7))
          .withDoc(
              "How long a delivered (messageId, channel) is remembered, so a replay within it is"
                  + " never delivered again. On assignment the ledger is rebuilt from this much of"
                  + " cs.deliveries (memory ~100 bytes per delivery).")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> START_TIMEOUT =
      ConfigKey.duration("dispatcher.start-timeout")
          .withDefault(Duration.ofSeconds(60))
          .withDoc("How long start-up waits to join the consumer group and rebuild the ledger.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT =
      ConfigKey.duration("dispatcher.shutdown-timeout")
          .withDefault(Duration.ofSeconds(15))
          .withDoc(
              "How long a stop or a partition revocation waits for webhook calls in flight to"
                  + " finish and record their outcome; unfinished ones are redelivered later.")
          .withValidator(ConfigValidator.positiveDuration());

  /** The dispatcher's own keys and pass-throughs (Kafka keys not included). */
  public static final ConfigDefinition OWN_DEFINITION =
      ConfigDefinition.of(
              COMPONENT,
              GROUP_ID,
              AUTO_OFFSET_RESET,
              DEFAULT_TIMEOUT,
              CONNECT_TIMEOUT,
              TICKETS_URL,
              TICKETS_SECRET,
              TICKETS_TIMEOUT,
              SKIP_UNCONFIGURED,
              MAX_ATTEMPTS,
              INITIAL_BACKOFF,
              MULTIPLIER,
              MAX_BACKOFF,
              JITTER,
              MAX_RETRY_AFTER,
              MAX_CONCURRENT_REQUESTS,
              MAX_PENDING_RECORDS,
              DEDUP_TTL,
              START_TIMEOUT,
              SHUTDOWN_TIMEOUT)
          .withPassThrough(
              CHANNEL_PREFIX,
              "Reply webhook per channel: dispatcher.channel.<name>.url (http/https, required),"
                  + " .secret (HMAC key, required, never printed), .timeout (optional) and"
                  + " .header.<Header-Name>=value (extra headers; the dispatcher never logs their"
                  + " values). <name>"
                  + " matches the reply's channel ignoring case, '_' and '.' vs '-'.")
          .withPassThrough(
              TICKETS_HEADER_PREFIX,
              "Extra headers of the ticket webhook: dispatcher.tickets.header.<Header-Name>=value"
                  + " (the dispatcher never logs their values).");

  /** Every key the service reads: its own plus the shared Kafka settings. */
  public static final ConfigDefinition DEFINITION =
      OWN_DEFINITION.including(KafkaSettings.DEFINITION);

  public DispatcherConfig {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(autoOffsetReset, "autoOffsetReset");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(dedupTtl, "dedupTtl");
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    channels = Map.copyOf(channels);
  }

  /** Resolves and validates the dispatcher's keys from a configuration. */
  public static DispatcherConfig load(Configuration configuration) {
    return from(configuration.resolve(DEFINITION));
  }

  /**
   * The record from resolved values; the free-form channel and header keys are validated here.
   *
   * @throws ConfigException listing every problem
   */
  public static DispatcherConfig from(ConfigValues values) {
    List<String> problems = new ArrayList<>();
    Duration defaultTimeout = values.get(DEFAULT_TIMEOUT);
    Map<String, WebhookEndpoint> channels =
        EndpointParser.channels(
            CHANNEL_PREFIX, values.passThrough(CHANNEL_PREFIX), defaultTimeout, problems);
    WebhookEndpoint tickets = tickets(values, defaultTimeout, problems);
    Duration initial = values.get(INITIAL_BACKOFF);
    Duration max = values.get(MAX_BACKOFF);
    if (max.compareTo(initial) < 0) {
      problems.add(
          MAX_BACKOFF.name()
              + ": must be at least "
              + INITIAL_BACKOFF.name()
              + " ("
              + initial
              + ")");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(COMPONENT, problems);
    }
    RetryPolicy retry =
        new RetryPolicy(
            values.get(MAX_ATTEMPTS),
            initial,
            values.get(MULTIPLIER),
            max,
            values.get(JITTER),
            values.get(MAX_RETRY_AFTER));
    return new DispatcherConfig(
        values.get(GROUP_ID),
        values.get(AUTO_OFFSET_RESET),
        channels,
        tickets,
        values.get(SKIP_UNCONFIGURED),
        retry,
        values.get(CONNECT_TIMEOUT),
        values.get(MAX_CONCURRENT_REQUESTS),
        values.get(MAX_PENDING_RECORDS),
        values.get(DEDUP_TTL),
        values.get(START_TIMEOUT),
        values.get(SHUTDOWN_TIMEOUT));
  }

  private static WebhookEndpoint tickets(
      ConfigValues values, Duration defaultTimeout, List<String> problems) {
    Optional<URI> url = values.find(TICKETS_URL);
    Map<String, String> headers = values.passThrough(TICKETS_HEADER_PREFIX);
    Optional<Secret> secret = values.find(TICKETS_SECRET);
    if (url.isEmpty()) {
      if (secret.isPresent() || !headers.isEmpty()) {
        problems.add(TICKETS_URL.name() + ": required when the ticket secret or headers are set");
      }
      return null;
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("url", url.get().toString());
    secret.ifPresent(s -> attributes.put("secret", s.reveal()));
    headers.forEach((h, v) -> attributes.put("header." + h, v));
    Duration timeout = values.find(TICKETS_TIMEOUT).orElse(defaultTimeout);
    return EndpointParser.endpoint(
            "dispatcher.tickets.", WebhookEndpoint.TICKETS, attributes, timeout, problems)
        .orElse(null);
  }

  /** The reply webhook of a channel, matched loosely (see {@link EndpointParser}). */
  public Optional<WebhookEndpoint> channel(String channel) {
    return Optional.ofNullable(channels.get(EndpointParser.canonicalChannel(channel)));
  }

  /** The ticket webhook, if configured. */
  public Optional<WebhookEndpoint> ticketWebhook() {
    return Optional.ofNullable(tickets);
  }

  /** The consumer group with the catalogue's topic prefix. */
  public String groupId(KafkaSettings kafka) {
    return kafka.topicPrefix() + groupId;
  }
}
