package io.streamdesk.ingest;

import io.streamdesk.ingest.admin.AdminKey;
import io.streamdesk.ingest.auth.ApiKeyEntry;
import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.config.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ingest connector's configuration: HTTP server, API keys, limits, the sync and streaming
 * views, and the web chat session. Every key is documented in {@link #DEFINITION}; {@link
 * #from(ConfigValues)} builds the record from validated values.
 *
 * @param host interface the HTTP server binds
 * @param port HTTP port, 0 for a free one
 * @param apiKeys hashed API keys, each naming its channel
 * @param maxTextChars longest accepted message text, in code points
 * @param maxRequestBytes largest accepted request body
 * @param publishTimeout how long a request waits for the broker's acknowledgement
 * @param publishLinger producer linger.ms
 * @param syncTimeout how long {@code POST /api/query} waits for the reply
 * @param keyRate per-API-key request rate (web sessions share the web channel's)
 * @param conversationRate per-conversation message rate
 * @param webConversationRate new web conversations per client address
 * @param idempotencyTtl how long an Idempotency-Key's first result is kept
 * @param idempotencyMaxEntries most idempotency results kept
 * @param historyMaxChars most characters of turn text the history view keeps
 * @param historyMaxTurns most turns kept per conversation
 * @param historyTtl how long an idle conversation stays in the history view
 * @param lookback how far back the feeds start reading at start-up (0: from the end)
 * @param sseReplayEvents events kept per conversation for Last-Event-ID resumption
 * @param sseReplayTtl how long those events are kept
 * @param sseReplayMaxChars most characters of recent events kept over all conversations
 * @param sseHeartbeat interval of SSE keep-alive comments
 * @param sseMaxStreams most concurrent SSE streams of this instance
 * @param sseMaxStreamsPerConversation most concurrent SSE streams of one conversation
 * @param webEnabled whether the chat page and its session endpoint are served
 * @param webChannel channel of messages sent from the chat page
 * @param webSessionSecret HMAC key of web session cookies, empty for a random one per process
 * @param webSessionTtl lifetime of a web session cookie
 * @param webCookieSecure whether the session cookie is always marked Secure
 * @param metricsOnMainPort whether {@code /metrics} and {@code /health} are also served here
 * @param adminKey hash of the operations page's key; empty: the page's API is off
 * @param springProperties extra Spring Boot properties ({@code ingest.spring.*})
 * @param producerOverrides extra producer configs ({@code ingest.producer.*})
 */
public record IngestConfig(
    String host,
    int port,
    List<ApiKeyEntry> apiKeys,
    int maxTextChars,
    int maxRequestBytes,
    Duration publishTimeout,
    Duration publishLinger,
    Duration syncTimeout,
    Rate keyRate,
    Rate conversationRate,
    Rate webConversationRate,
    Duration idempotencyTtl,
    int idempotencyMaxEntries,
    long historyMaxChars,
    int historyMaxTurns,
    Duration historyTtl,
    Duration lookback,
    int sseReplayEvents,
    Duration sseReplayTtl,
    long sseReplayMaxChars,
    Duration sseHeartbeat,
    int sseMaxStreams,
    int sseMaxStreamsPerConversation,
    boolean webEnabled,
    String webChannel,
    Optional<Secret> webSessionSecret,
    Duration webSessionTtl,
    boolean webCookieSecure,
    boolean metricsOnMainPort,
    Optional<AdminKey> adminKey,
    Map<String, String> springProperties,
    Map<String, String> producerOverrides) {

  /**
   * A token-bucket rate: {@code perPeriod} requests per {@code period}, bursts up to {@code burst}.
   * A rate whose {@code perPeriod} is 0 is off.
   */
  public record Rate(long perPeriod, Duration period, long burst) {
    public Rate {
      Objects.requireNonNull(period, "period");
      if (perPeriod < 0 || burst < 0) {
        throw new IllegalArgumentException("rate and burst must not be negative");
      }
    }

    public boolean enabled() {
      return perPeriod > 0;
    }

    /** Bucket capacity: the burst, or the rate per period when no burst is set. */
    public long capacity() {
      return burst > 0 ? burst : perPeriod;
    }
  }

  public static final String SPRING_PREFIX = "ingest.spring.";
  public static final String PRODUCER_PREFIX = "ingest.producer.";

  public static final ConfigKey<String> HOST =
      ConfigKey.string("ingest.host")
          .withDefault("127.0.0.1")
          .withDoc("Interface the HTTP API and chat page bind; 0.0.0.0 in a container.")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<Integer> PORT =
      ConfigKey.integer("ingest.port")
          .withDefault(8080)
          .withDoc("HTTP port of the API and the chat page; 0 picks a free one.")
          .withValidator(ConfigValidator.between(0, 65535));

  /**
   * Hashes are not secrets, but the value is masked anyway: a plain key pasted here by mistake must
   * not end up in an error message or a config dump.
   */
  public static final ConfigKey<Secret> API_KEYS =
      ConfigKey.secret("ingest.api-keys")
          .withDoc(
              "API keys as CHANNEL:sha256:HEX entries (comma-separated; several per channel allow"
                  + " rotation). Only hashes are stored: `ingest-key --channel app` makes a key and"
                  + " its entry. Masked in messages like a secret.")
          .withValidator(s -> ApiKeyEntry.VALIDATOR.check(apiKeyList(s)));

  public static final ConfigKey<Integer> MAX_TEXT_CHARS =
      ConfigKey.integer("ingest.text.max-chars")
          .withDefault(4000)
          .withDoc("Longest message text accepted (Unicode code points); longer answers 413.")
          .withValidator(ConfigValidator.between(1, 1_000_000));

  public static final ConfigKey<Integer> MAX_REQUEST_BYTES =
      ConfigKey.integer("ingest.request.max-bytes")
          .withDefault(65536)
          .withDoc("Largest request body accepted; larger answers 413.")
          .withValidator(ConfigValidator.between(1024, 16 * 1024 * 1024));

  public static final ConfigKey<Duration> PUBLISH_TIMEOUT =
      ConfigKey.duration("ingest.publish.timeout")
          .withDefault(Duration.ofSeconds(5))
          .withDoc("How long a request waits for the broker's acknowledgement before 503.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> PUBLISH_LINGER =
      ConfigKey.duration("ingest.publish.linger")
          .withDefault(Duration.ofMillis(1))
          .withDoc("Producer linger.ms: small, so acknowledged answers stay fast under load.")
          .withValidator(ConfigValidator.nonNegativeDuration());

  public static final ConfigKey<Duration> SYNC_TIMEOUT =
      ConfigKey.duration("ingest.sync.timeout")
          .withDefault(Duration.ofSeconds(30))
          .withDoc("How long POST /api/query waits for the reply before 504.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Integer> KEY_RATE =
      ConfigKey.integer("ingest.rate-limit.key.per-second")
          .withDefault(1000)
          .withDoc("Requests per second per API key (the web channel's sessions share one); 0 off.")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Integer> KEY_BURST =
      ConfigKey.integer("ingest.rate-limit.key.burst")
          .withDefault(2000)
          .withDoc("Burst allowance per API key.")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Integer> CONVERSATION_RATE =
      ConfigKey.integer("ingest.rate-limit.conversation.per-minute")
          .withDefault(30)
          .withDoc("Messages per minute per conversation; 0 off.")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Integer> CONVERSATION_BURST =
      ConfigKey.integer("ingest.rate-limit.conversation.burst")
          .withDefault(10)
          .withDoc("Burst allowance per conversation.")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Integer> WEB_CONVERSATION_RATE =
      ConfigKey.integer("ingest.rate-limit.web-conversations.per-minute")
          .withDefault(10)
          .withDoc("New chat-page conversations per minute per client address; 0 off.")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Duration> IDEMPOTENCY_TTL =
      ConfigKey.duration("ingest.idempotency.ttl")
          .withDefault(Duration.ofHours(24))
          .withDoc("How long the first result of an Idempotency-Key is replayed.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Integer> IDEMPOTENCY_MAX =
      ConfigKey.integer("ingest.idempotency.max-entries")
          .withDefault(100_000)
          .withDoc("Most Idempotency-Key results kept (least recently written go first).")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Long> HISTORY_MAX_CHARS =
      ConfigKey.longKey("ingest.history.max-chars")
          .withDefault(20_000_000L)
          .withDoc(
              "Most characters of turn text the in-memory history view keeps over all"
                  + " conversations (about 2 bytes each); the least recently active go first.")
          .withValidator(ConfigValidator.atLeast(10_000L));

  public static final ConfigKey<Integer> HISTORY_MAX_TURNS =
      ConfigKey.integer("ingest.history.max-turns")
          .withDefault(50)
          .withDoc("Most recent turns kept per conversation in the history view.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Duration> HISTORY_TTL =
      ConfigKey.duration("ingest.history.ttl")
          .withDefault(Duration.ofHours(24))
          .withDoc("How long a conversation without new turns stays in the history view.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> LOOKBACK =
      ConfigKey.duration("ingest.feed.lookback")
          .withDefault(Duration.ofHours(1))
          .withDoc(
              "At start-up the topic feeds (history, SSE replay) read back this far; 0 starts at"
                  + " the end.")
          .withValidator(ConfigValidator.nonNegativeDuration());

  public static final ConfigKey<Integer> SSE_REPLAY_EVENTS =
      ConfigKey.integer("ingest.sse.replay-events")
          .withDefault(32)
          .withDoc(
              "Events kept per conversation for Last-Event-ID resumption (chunks of a finished"
                  + " reply are dropped once the reply arrives).")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Duration> SSE_REPLAY_TTL =
      ConfigKey.duration("ingest.sse.replay-ttl")
          .withDefault(Duration.ofMinutes(10))
          .withDoc("How long a conversation's recent events are kept for resumption.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Long> SSE_REPLAY_MAX_CHARS =
      ConfigKey.longKey("ingest.sse.replay-max-chars")
          .withDefault(20_000_000L)
          .withDoc(
              "Most characters of recent events kept for resumption over all conversations"
                  + " (about 2 bytes each); the least recently active go first.")
          .withValidator(ConfigValidator.atLeast(10_000L));

  public static final ConfigKey<Duration> SSE_HEARTBEAT =
      ConfigKey.duration("ingest.sse.heartbeat")
          .withDefault(Duration.ofSeconds(15))
          .withDoc("Interval of keep-alive comments on idle event streams.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Integer> SSE_MAX_STREAMS =
      ConfigKey.integer("ingest.sse.max-streams")
          .withDefault(10_000)
          .withDoc("Most concurrent event streams of this instance; more answer 503.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Integer> SSE_MAX_STREAMS_PER_CONVERSATION =
      ConfigKey.integer("ingest.sse.max-streams-per-conversation")
          .withDefault(8)
          .withDoc("Most concurrent event streams of one conversation; more answer 429.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Boolean> WEB_ENABLED =
      ConfigKey.bool("ingest.web.enabled")
          .withDefault(true)
          .withDoc("Serve the chat page at / and its session endpoint /v1/web/conversations.");

  public static final ConfigKey<String> WEB_CHANNEL =
      ConfigKey.string("ingest.web.channel")
          .withDefault("web")
          .withDoc("Channel of messages sent from the chat page.")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<Secret> WEB_SESSION_SECRET =
      ConfigKey.secret("ingest.web.session-secret")
          .withDoc(
              "HMAC key of chat-page session cookies (at least 32 characters). Unset: a random key"
                  + " per process, so sessions end on restart and do not cross replicas; set the"
                  + " same value on every replica.")
          .withValidator(
              ConfigValidator.of(s -> s.reveal().length() >= 32, "must be at least 32 characters"));

  public static final ConfigKey<Duration> WEB_SESSION_TTL =
      ConfigKey.duration("ingest.web.session-ttl")
          .withDefault(Duration.ofDays(30))
          .withDoc("Lifetime of a chat-page session cookie (the conversation it owns).")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Boolean> WEB_COOKIE_SECURE =
      ConfigKey.bool("ingest.web.cookie-secure")
          .withDefault(false)
          .withDoc(
              "Always mark the session cookie Secure (it is whenever the request came over"
                  + " HTTPS); set behind a TLS-terminating proxy.");

  public static final ConfigKey<Boolean> METRICS_ON_MAIN_PORT =
      ConfigKey.bool("ingest.metrics-on-main-port")
          .withDefault(true)
          .withDoc("Also serve /health and /metrics (Prometheus) on the HTTP port.");

  /** Masked like the API keys: a plain key pasted here by mistake must not be printed. */
  public static final ConfigKey<Secret> ADMIN_KEY_HASH =
      ConfigKey.secret("ingest.admin.key-hash")
          .withDoc(
              "Hash of the key that opens the operations page /admin, as sha256:HEX (`ingest-admin-key`"
                  + " makes a key and this value). Unset or blank: the page's API answers 404.")
          .withValidator(
              s -> {
                if (s.reveal().isBlank()) {
                  return Optional.empty(); // compose passes ${VAR:-} as an empty value
                }
                try {
                  AdminKey.parse(s.reveal());
                  return Optional.empty();
                } catch (IllegalArgumentException e) {
                  return Optional.of(e.getMessage());
                }
              });

  /** The connector's own keys, for the configuration reference (Kafka keys have their own). */
  public static final ConfigDefinition OWN_DEFINITION =
      ConfigDefinition.of(
              "ingest-connector",
              HOST,
              PORT,
              API_KEYS,
              MAX_TEXT_CHARS,
              MAX_REQUEST_BYTES,
              PUBLISH_TIMEOUT,
              PUBLISH_LINGER,
              SYNC_TIMEOUT,
              KEY_RATE,
              KEY_BURST,
              CONVERSATION_RATE,
              CONVERSATION_BURST,
              WEB_CONVERSATION_RATE,
              IDEMPOTENCY_TTL,
              IDEMPOTENCY_MAX,
              HISTORY_MAX_CHARS,
              HISTORY_MAX_TURNS,
              HISTORY_TTL,
              LOOKBACK,
              SSE_REPLAY_EVENTS,
              SSE_REPLAY_TTL,
              SSE_REPLAY_MAX_CHARS,
              SSE_HEARTBEAT,
              SSE_MAX_STREAMS,
              SSE_MAX_STREAMS_PER_CONVERSATION,
              WEB_ENABLED,
              WEB_CHANNEL,
              WEB_SESSION_SECRET,
              WEB_SESSION_TTL,
              WEB_COOKIE_SECURE,
              METRICS_ON_MAIN_PORT,
              ADMIN_KEY_HASH)
          .withPassThrough(
              SPRING_PREFIX,
              "Spring Boot properties for the HTTP server, e.g."
                  + " ingest.spring.server.tomcat.max-connections=20000.")
          .withPassThrough(
              PRODUCER_PREFIX,
              "Kafka producer configs for the inbound publisher only, e.g."
                  + " ingest.producer.compression.type=lz4 (over kafka.*).");

  /** Every key the connector reads, the shared Kafka keys included. */
  public static final ConfigDefinition DEFINITION =
      OWN_DEFINITION.including(KafkaSettings.DEFINITION);

  public IngestConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(adminKey, "adminKey");
    apiKeys = List.copyOf(apiKeys);
    springProperties = Map.copyOf(springProperties);
    producerOverrides = Map.copyOf(producerOverrides);
  }

  private static List<String> apiKeyList(Secret value) {
    return java.util.Arrays.stream(value.reveal().split(","))
        .map(String::trim)
        .filter(e -> !e.isEmpty())
        .toList();
  }

  /** The record from values resolved against {@link #DEFINITION}. */
  public static IngestConfig from(ConfigValues values) {
    return new IngestConfig(
        values.get(HOST),
        values.get(PORT),
        values.find(API_KEYS).map(IngestConfig::apiKeyList).orElse(List.of()).stream()
            .map(ApiKeyEntry::parse)
            .toList(),
        values.get(MAX_TEXT_CHARS),
        values.get(MAX_REQUEST_BYTES),
        values.get(PUBLISH_TIMEOUT),
        values.get(PUBLISH_LINGER),
        values.get(SYNC_TIMEOUT),
        new Rate(values.get(KEY_RATE), Duration.ofSeconds(1), values.get(KEY_BURST)),
        new Rate(
            values.get(CONVERSATION_RATE), Duration.ofMinutes(1), values.get(CONVERSATION_BURST)),
        new Rate(values.get(WEB_CONVERSATION_RATE), Duration.ofMinutes(1), 0),
        values.get(IDEMPOTENCY_TTL),
        values.get(IDEMPOTENCY_MAX),
        values.get(HISTORY_MAX_CHARS),
        values.get(HISTORY_MAX_TURNS),
        values.get(HISTORY_TTL),
        values.get(LOOKBACK),
        values.get(SSE_REPLAY_EVENTS),
        values.get(SSE_REPLAY_TTL),
        values.get(SSE_REPLAY_MAX_CHARS),
        values.get(SSE_HEARTBEAT),
        values.get(SSE_MAX_STREAMS),
        values.get(SSE_MAX_STREAMS_PER_CONVERSATION),
        values.get(WEB_ENABLED),
        values.get(WEB_CHANNEL),
        values.find(WEB_SESSION_SECRET),
        values.get(WEB_SESSION_TTL),
        values.get(WEB_COOKIE_SECURE),
        values.get(METRICS_ON_MAIN_PORT),
        values
            .find(ADMIN_KEY_HASH)
            .filter(s -> !s.reveal().isBlank())
            .map(s -> AdminKey.parse(s.reveal())),
        values.passThrough(SPRING_PREFIX),
        values.passThrough(PRODUCER_PREFIX));
  }
}
