package io.streamdesk.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamdesk.ingest.admin.AdminKey;
import io.streamdesk.ingest.admin.OpsFeed;
import io.streamdesk.ingest.admin.OpsWindow;
import io.streamdesk.ingest.auth.ApiKeys;
import io.streamdesk.ingest.auth.WebSessions;
import io.streamdesk.ingest.feed.ConversationEvents;
import io.streamdesk.ingest.feed.ConversationHistory;
import io.streamdesk.ingest.feed.FeedRouter;
import io.streamdesk.ingest.feed.PendingReplies;
import io.streamdesk.ingest.feed.TopicTailer;
import io.streamdesk.ingest.intake.ApiProblem;
import io.streamdesk.ingest.intake.IdempotencyStore;
import io.streamdesk.ingest.intake.InboundPublisher;
import io.streamdesk.ingest.intake.MessageIntake;
import io.streamdesk.ingest.intake.RateLimits;
import io.streamdesk.ingest.intake.SubmissionRules;
import io.streamdesk.ingest.sync.SyncQueries;
import io.streamdesk.ingest.web.HealthChecks;
import io.streamdesk.ingest.web.IngestWebConfiguration;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.runtime.ops.Health;
import io.streamdesk.runtime.ops.HealthCheck;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.StreamDeskService;
import io.streamdesk.schemas.topics.Topics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest connector: HTTP API and chat page in, cs.messages.inbound out; cs.replies,
 * cs.replies.chunks, cs.handoffs and cs.messages.inbound read back (every partition, no consumer
 * group) for the sync API, the event streams and the history, and with cs.dlq and cs.deliveries for
 * the operations page (/admin, {@link OpsWindow}). Its Spring context is started programmatically
 * and kept to itself, so it can share a JVM with the other services: no banner, no shutdown hook,
 * no reconfiguration of the JVM's logging, no system properties or environment variables read by
 * Spring (its configuration comes from {@link IngestConfig}).
 */
public final class IngestConnectorService implements StreamDeskService {

  private static final Logger log = LoggerFactory.getLogger(IngestConnectorService.class);
  public static final String NAME = "ingest-connector";

  private final IngestConfig config;
  private final ServiceContext context;
  private final Clock clock;
  private InboundPublisher publisher;
  private ConversationEvents events;
  private PendingReplies pending;
  private TopicTailer replyFeed;
  private TopicTailer inboundFeed;
  private TopicTailer opsFeed;
  private OpsWindow opsWindow;
  private ConfigurableApplicationContext spring;
  private KafkaClientMetrics producerMetrics;
  private volatile URI baseUri;
  private volatile boolean closed;

  public IngestConnectorService(IngestConfig config, ServiceContext context, Clock clock) {
    this.config = config;
    this.context = context;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** {@code http://host:port} of the API and chat page, once started. */
  public URI baseUri() {
    if (baseUri == null) {
      throw new IllegalStateException(NAME + " is not started");
    }
    return baseUri;
  }

  @Override
  public synchronized void start() {
    try {
      startComponents();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void startComponents() {
    Topics topics = context.topics();
    MeterRegistry meters = context.meterRegistry();
    JsonMapper json = JsonMapper.builder().build();
    Map<String, Object> clientProps = context.kafka().clientProperties();

    publisher =
        InboundPublisher.create(
            clientProps,
            config.producerOverrides(),
            config.publishLinger(),
            config.publishTimeout(),
            topics.messagesInbound(),
            context.serdes(),
            clock);
    producerMetrics = PipelineMetrics.kafkaClientMetrics(publisher.producer(), NAME);
    producerMetrics.bindTo(meters);

    ConversationHistory history =
        new ConversationHistory(
            config.historyMaxChars(), config.historyMaxTurns(), config.historyTtl());
    events =
        new ConversationEvents(
            config.sseReplayEvents(),
            config.sseReplayTtl(),
            config.sseReplayMaxChars(),
            config.sseMaxStreams(),
            config.sseMaxStreamsPerConversation());
    // Recent replies only bridge the moment between the broker's ack and the wait starting.
    pending = new PendingReplies(Duration.ofMinutes(2), 10_000);
    Instant now = clock.instant();
    opsWindow = new OpsWindow(clock, now.minus(config.lookback()));
    FeedRouter router =
        new FeedRouter(
            topics, context.serdes(), pending, history, events, json, meters, opsWindow, NAME, now);
    OpsFeed ops = new OpsFeed(topics, context.serdes(), opsWindow);
    replyFeed =
        new TopicTailer(
            "replies",
            clientProps,
            List.of(topics.replies().name(), topics.replyChunks().name(), topics.handoffs().name()),
            config.lookback(),
            clock,
            router::onReplyFeed,
            () -> {},
            meters);
    inboundFeed =
        new TopicTailer(
            "inbound",
            clientProps,
            List.of(topics.messagesInbound().name()),
            config.lookback(),
            clock,
            router::onInbound,
            () -> {},
            meters);
    opsFeed =
        new TopicTailer(
            "ops",
            clientProps,
            ops.topics(),
            config.lookback(),
            clock,
            ops::onRecord,
            () -> {},
            meters);
    replyFeed.start();
    inboundFeed.start();
    opsFeed.start();
    if (config.adminKey().isEmpty()) {
      log.info("{}: ingest.admin.key-hash unset: the /admin page's API is off", NAME);
    }

    RateLimits rateLimits =
        new RateLimits(config.keyRate(), config.conversationRate(), config.webConversationRate());
    MessageIntake intake =
        new MessageIntake(
            new SubmissionRules(config.maxTextChars()),
            new IdempotencyStore(config.idempotencyTtl(), config.idempotencyMaxEntries()),
            rateLimits,
            publisher,
            config.publishTimeout(),
            clock,
            meters);
    SyncQueries queries = new SyncQueries(intake, pending, config.syncTimeout());
    Gauge.builder("streamdesk.ingest.sync.pending", pending, PendingReplies::pending)
        .description("Synchronous queries waiting for their reply")
        .register(meters);
    Gauge.builder("streamdesk.ingest.sse.streams", events, ConversationEvents::activeStreams)
        .description("Open event streams")
        .register(meters);
    Gauge.builder("streamdesk.ingest.history.conversations", history, ConversationHistory::size)
        .description("Conversations in the history view")
        .register(meters);

    if (config.apiKeys().isEmpty()) {
      log.warn("{}: no API keys configured (ingest.api-keys): only the chat page can send", NAME);
    }
    WebSessions sessions = webSessions();

    spring = springApplication(sessions, intake, queries, history, rateLimits).run();
    int port = ((WebServerApplicationContext) spring).getWebServer().getPort();
    String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
    baseUri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    log.info(
        "{} serving on {} (chat page {}, API docs {}/docs)",
        NAME,
        baseUri,
        config.webEnabled() ? baseUri + "/" : "off",
        baseUri);
  }

  private WebSessions webSessions() {
    if (!config.webEnabled()) {
      return null;
    }
    if (config.webSessionSecret().isPresent()) {
      return WebSessions.withSecret(
          config.webSessionSecret().get().reveal(), config.webSessionTtl(), clock);
    }
    log.info(
        "{}: ingest.web.session-secret unset: chat sessions are signed with a random key of this"
            + " process (set one shared key on every replica)",
        NAME);
    return WebSessions.withRandomSecret(config.webSessionTtl(), clock);
  }

  private SpringApplicationBuilder springApplication(
      WebSessions sessions,
      MessageIntake intake,
      SyncQueries queries,
      ConversationHistory history,
      RateLimits rateLimits) {
    Map<String, HealthCheck> checks = healthChecks();
    SpringApplicationBuilder builder =
        new SpringApplicationBuilder(IngestWebConfiguration.class)
            .web(WebApplicationType.SERVLET)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .registerShutdownHook(false)
            .environment(isolatedEnvironment())
            .initializers(
                ctx -> {
                  GenericApplicationContext g = (GenericApplicationContext) ctx;
                  g.registerBean(IngestConfig.class, () -> config);
                  g.registerBean(Clock.class, () -> clock);
                  g.registerBean(MeterRegistry.class, context::meterRegistry);
                  g.registerBean(ApiKeys.class, () -> new ApiKeys(config.apiKeys()));
                  if (sessions != null) {
                    g.registerBean(WebSessions.class, () -> sessions);
                  }
                  g.registerBean(MessageIntake.class, () -> intake);
                  g.registerBean(SyncQueries.class, () -> queries);
                  g.registerBean(ConversationHistory.class, () -> history);
                  g.registerBean(ConversationEvents.class, () -> events);
                  g.registerBean(RateLimits.class, () -> rateLimits);
                  g.registerBean(HealthChecks.class, () -> new HealthChecks(checks));
                  g.registerBean(OpsWindow.class, () -> opsWindow);
                  config.adminKey().ifPresent(key -> g.registerBean(AdminKey.class, () -> key));
                });
    // Logging belongs to the process: Spring must not reset the shared Logback context.
    List<ApplicationListener<?>> listeners = new ArrayList<>(builder.application().getListeners());
    listeners.removeIf(l -> l instanceof LoggingApplicationListener);
    builder.application().setListeners(listeners);
    return builder;
  }

  /** Spring sees only these properties: no system properties, no environment variables. */
  private ConfigurableEnvironment isolatedEnvironment() {
    Map<String, Object> props = new HashMap<>();
    props.put("server.address", config.host());
    props.put("server.port", Integer.toString(config.port()));
    props.put("spring.threads.virtual.enabled", "true");
    props.put("spring.main.banner-mode", "off");
    props.put("spring.config.name", "streamdesk-ingest-connector"); // no application.properties
    props.put("spring.mvc.problemdetails.enabled", "false");
    props.put("server.error.whitelabel.enabled", "false");
    props.put("server.shutdown", "graceful");
    props.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
    // Keep-alive connections serve many requests (the default closes one every 100).
    props.put("server.tomcat.max-keep-alive-requests", "-1");
    props.put("springdoc.swagger-ui.path", "/docs");
    props.put("springdoc.api-docs.path", "/v3/api-docs");
    props.put("springdoc.show-actuator", "false");
    props.putAll(config.springProperties());
    ConfigurableEnvironment env = new AbstractEnvironment() {};
    env.getPropertySources().addFirst(new MapPropertySource("ingest-connector", props));
    return env;
  }

  @Override
  public Map<String, HealthCheck> healthChecks() {
    Map<String, HealthCheck> checks = new LinkedHashMap<>();
    checks.put(
        "publisher", () -> publisher == null ? Health.down("not started") : publisher.health());
    checks.put(
        "replies-feed", () -> replyFeed == null ? Health.down("not started") : replyFeed.health());
    checks.put(
        "inbound-feed",
        () -> inboundFeed == null ? Health.down("not started") : inboundFeed.health());
    checks.put("ops-feed", () -> opsFeed == null ? Health.down("not started") : opsFeed.health());
    checks.put(
        "http",
        () ->
            spring != null && spring.isRunning()
                ? Health.up("serving " + baseUri)
                : Health.down("HTTP server not running"));
    return checks;
  }

  @Override
  public List<String> inputs() {
    Topics topics = context.topics();
    List<String> in = new ArrayList<>();
    in.add(baseUri == null ? "http" : baseUri.toString());
    in.add(topics.replies().name());
    in.add(topics.replyChunks().name());
    in.add(topics.handoffs().name());
    in.add(topics.messagesInbound().name());
    in.add(topics.dlq().name());
    in.add(topics.deliveries().name());
    return in;
  }

  @Override
  public List<String> outputs() {
    return List.of(context.topics().messagesInbound().name());
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Streams and waiting queries end first, so the HTTP server's graceful stop finds them done.
    if (events != null) {
      events.close();
    }
    if (pending != null) {
      pending.failAll(
          ApiProblem.unavailable(
              "shutting_down", "the connector is shutting down", Duration.ofSeconds(1)));
    }
    if (spring != null) {
      spring.close();
    }
    if (replyFeed != null) {
      replyFeed.close();
    }
    if (inboundFeed != null) {
      inboundFeed.close();
    }
    if (opsFeed != null) {
      opsFeed.close();
    }
    if (producerMetrics != null) {
      producerMetrics.close();
    }
    if (publisher != null) {
      publisher.close();
    }
  }
}
