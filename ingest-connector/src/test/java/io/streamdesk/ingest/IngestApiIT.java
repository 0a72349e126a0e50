package io.streamdesk.ingest;

import static io.streamdesk.ingest.ConnectorHarness.APP_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.ops.OpsServer;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.ServiceHost;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyChunk;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP API end to end on an embedded broker, with a test responder in place of the pipeline.
 */
class IngestApiIT {

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withCatalogue();

  static final Http http = new Http();
  static String scope;
  static ConnectorHarness connector;
  static TestResponder responder;

  @BeforeAll
  static void start() {
    scope = ConnectorHarness.newScope();
    connector =
        ConnectorHarness.start(
            kafka.bootstrapServers(),
            scope,
            Map.of("ingest.sync.timeout", "1500ms", "ingest.text.max-chars", "50"));
    responder =
        new TestResponder(
            kafka.bootstrapServers(), connector.topics, connector.serdes, Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    if (responder != null) {
      responder.close();
    }
    if (connector != null) {
      connector.close();
    }
  }

  static String[] key(String apiKey) {
    return new String[] {"X-API-Key", apiKey};
  }

  static Http.Reply send(Map<String, ?> body, String... headers) {
    return http.postJson(connector.uri("/v1/messages"), body, headers);
  }

  static String conversation() {
    return "c-" + UUID.randomUUID();
  }

  @Test
  void shouldPublishAcceptedMessageKeyedByConversationWithAvroValue() {
    // Given
    String conversationId = conversation();

    // When
    Http.Reply reply =
        send(
            Map.of("conversationId", conversationId, "text", "Where is my order?"),
            "X-API-Key",
            APP_KEY,
            "Accept-Language",
            "zh-CN,zh;q=0.9,en;q=0.8");

    // Then
    assertThat(reply.status()).isEqualTo(202);
    JsonNode body = reply.json();
    assertThat(body.get("conversationId").asString()).isEqualTo(conversationId);
    String messageId = body.get("messageId").asString();
    assertThat(UUID.fromString(messageId)).isNotNull();

    ConsumerRecord<String, CustomerMessageReceived> record = inboundRecord(messageId);
    assertThat(record.key()).isEqualTo(conversationId);
    assertThat(record.value().getConversationId()).isEqualTo(conversationId);
    assertThat(record.value().getText()).isEqualTo("Where is my order?");
    assertThat(record.value().getChannel()).isEqualTo("app");
    assertThat(record.value().getLocale()).isEqualTo("zh-CN");
    assertThat(record.value().getReceivedAt()).isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void shouldStartConversationWhenNoneIsGiven() {
    Http.Reply reply = send(Map.of("text", "hello", "locale", "en-US"), key(APP_KEY));

    assertThat(reply.status()).isEqualTo(202);
    String conversationId = reply.json().get("conversationId").asString();
    ConsumerRecord<String, CustomerMessageReceived> record =
        inboundRecord(reply.json().get("messageId").asString());
    assertThat(record.key()).isEqualTo(conversationId);
    assertThat(record.value().getLocale()).isEqualTo("en-US");
  }

  @Test
  void shouldReplayFirstResultForRepeatedIdempotencyKey() {
    // Given
    Map<String, String> body = Map.of("conversationId", conversation(), "text", "refund please");
    String idempotencyKey = "order-" + UUID.randomUUID();

    // When
    Http.Reply first = send(body, "X-API-Key", APP_KEY, "Idempotency-Key", idempotencyKey);
    Http.Reply second = send(body, "X-API-Key", APP_KEY, "Idempotency-Key", idempotencyKey);

    // Then
    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.json().get("messageId")).isEqualTo(first.json().get("messageId"));
    assertThat(inboundRecordsOf(body.get("conversationId"), 1)).hasSize(1);
  }

  @Test
  void shouldRefuseIdempotencyKeyReusedWithAnotherBody() {
    String idempotencyKey = "k-" + UUID.randomUUID();
    send(Map.of("text", "one"), "X-API-Key", APP_KEY, "Idempotency-Key", idempotencyKey);

    Http.Reply reused =
        send(Map.of("text", "two"), "X-API-Key", APP_KEY, "Idempotency-Key", idempotencyKey);

    assertProblem(reused, 422, "idempotency_key_reused");
  }

  @Test
  void shouldAnswer400ForMalformedJson() {
    Http.Reply reply =
        http.post(connector.uri("/v1/messages"), "{\"text\": \"unterminated", key(APP_KEY));

    assertProblem(reply, 400, "malformed_json");
    assertThat(reply.json().get("detail").asString()).contains("not valid JSON");
  }

  @Test
  void shouldAnswer400NamingTheMissingField() {
    Http.Reply reply = send(Map.of("conversationId", conversation()), key(APP_KEY));

    assertProblem(reply, 400, "missing_field");
    assertThat(reply.json().get("detail").asString()).isEqualTo("text is required");
  }

  @Test
  void shouldAnswer400ForUnsafeConversationId() {
    Http.Reply reply = send(Map.of("conversationId", "../etc/passwd", "text", "hi"), key(APP_KEY));

    assertProblem(reply, 400, "invalid_conversation_id");
  }

  @Test
  void shouldAnswer413WhenTextIsLongerThanTheLimit() {
    Http.Reply reply = send(Map.of("text", "x".repeat(51)), key(APP_KEY));

    assertProblem(reply, 413, "text_too_long");
    assertThat(reply.json().get("max_chars").asInt()).isEqualTo(50);
    assertThat(reply.json().get("actual_chars").asInt()).isEqualTo(51);
  }

  @Test
  void shouldCountCharactersNotBytesAgainstTheLimit() {
    Http.Reply reply = send(Map.of("text", "请".repeat(50)), key(APP_KEY));

    assertThat(reply.status()).isEqualTo(202);
  }

  @Test
  void shouldAnswer401WithoutApiKey() {
    Http.Reply reply = send(Map.of("text", "hi"));

    assertProblem(reply, 401, "unauthorized");
    assertThat(reply.header("WWW-Authenticate")).contains("X-API-Key");
  }

  @Test
  void shouldAnswer401ForWrongApiKey() {
    Http.Reply reply = send(Map.of("text", "hi"), key("sdk_not-a-key"));

    assertProblem(reply, 401, "unauthorized");
  }

  @Test
  void shouldAcceptBearerAuthorization() {
    Http.Reply reply = send(Map.of("text", "hi"), "Authorization", "Bearer " + APP_KEY);

    assertThat(reply.status()).isEqualTo(202);
  }

  @Test
  void shouldAnswer400ForBadConversationIdInEventStreamPath() {
    Http.Reply reply =
        http.get(
            connector.uri("/v1/conversations/" + "x".repeat(65) + "/events"),
            "X-API-Key",
            APP_KEY,
            "Accept",
            "text/event-stream");

    assertProblem(reply, 400, "invalid_conversation_id");
  }

  @Test
  void shouldReturnTheReplyPublishedOnRepliesTopic() {
    String conversationId = conversation();

    Http.Reply reply =
        http.postJson(
            connector.uri("/api/query"),
            Map.of("conversation_id", conversationId, "user_query", "How long is delivery?"),
            key(APP_KEY));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.json();
    assertThat(body.get("response").asString())
        .isEqualTo(TestResponder.answerTo("How long is delivery?"));
    assertThat(body.get("conversation_id").asString()).isEqualTo(conversationId);
    assertThat(body.get("intent").asString()).isEqualTo("delivery_time");
    assertThat(body.get("confidence").asDouble()).isEqualTo(0.91);
    assertThat(body.get("action").asString()).isEqualTo("ANSWER");
    assertThat(Instant.parse(body.get("timestamp").asString())).isNotNull();
    assertThat(body.get("citations").get(0).get("title").asString())
        .isEqualTo(TestResponder.CITATION_TITLE);
    assertThat(body.get("citations").get(0).get("source").asString())
        .isEqualTo(TestResponder.CITATION_SOURCE);
  }

  @Test
  void shouldAnswer504WithTheMessageIdWhenNoReplyComesInTime() {
    Http.Reply reply =
        http.postJson(
            connector.uri("/api/query"),
            Map.of("user_query", "anyone there? " + TestResponder.SILENT),
            key(APP_KEY));

    assertProblem(reply, 504, "reply_timeout");
    assertThat(reply.json().get("message_id").asString()).isNotBlank();
    assertThat(reply.json().get("conversation_id").asString()).isNotBlank();
  }

  @Test
  void shouldCreateConversationAndServeItsHistory() {
    String conversationId =
        http.post(connector.uri("/api/conversation"), "", key(APP_KEY))
            .json()
            .get("conversation_id")
            .asString();
    http.postJson(
        connector.uri("/api/query"),
        Map.of("conversation_id", conversationId, "user_query", "first question"),
        key(APP_KEY));

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              JsonNode history =
                  http.postJson(
                          connector.uri("/api/history"),
                          Map.of("conversation_id", conversationId),
                          key(APP_KEY))
                      .json()
                      .get("history");
              assertThat(history).hasSize(2);
              assertThat(history.get(0).get("role").asString()).isEqualTo("user");
              assertThat(history.get(0).get("content").asString()).isEqualTo("first question");
              assertThat(history.get(1).get("role").asString()).isEqualTo("assistant");
              assertThat(history.get(1).get("citations").get(0).get("title").asString())
                  .isEqualTo(TestResponder.CITATION_TITLE);
            });
  }

  @Test
  void shouldDeliverChunksInOrderThenTheReply() {
    String conversationId = conversation();
    try (Http.EventStream stream =
        http.events(
            connector.uri("/v1/conversations/" + conversationId + "/events"), key(APP_KEY))) {
      assertThat(stream.status).isEqualTo(200);

      Http.Reply sent =
          send(Map.of("conversationId", conversationId, "text", "stream me"), key(APP_KEY));
      String messageId = sent.json().get("messageId").asString();

      StringBuilder text = new StringBuilder();
      int expectedSeq = 0;
      Http.Event event;
      while ((event = stream.next()).name().equals("chunk")) {
        assertThat(event.json().get("messageId").asString()).isEqualTo(messageId);
        assertThat(event.json().get("seq").asInt()).isEqualTo(expectedSeq++);
        text.append(event.json().get("delta").asString());
      }
      assertThat(expectedSeq).isGreaterThan(1);
      assertThat(event.name()).isEqualTo("reply");
      assertThat(event.json().get("text").asString()).isEqualTo(text.toString());
      assertThat(event.json().get("citations").get(0).get("source").asString())
          .isEqualTo(TestResponder.CITATION_SOURCE);
    }
  }

  @Test
  void shouldResumeAfterLastEventId() {
    // Given a stream that received the first two of five chunks, then disconnected
    String conversationId = conversation();
    String messageId = UUID.randomUUID().toString();
    String lastSeen;
    try (Http.EventStream stream =
        http.events(
            connector.uri("/v1/conversations/" + conversationId + "/events"), key(APP_KEY))) {
      publishChunks(conversationId, messageId, 0, 2);
      stream.next();
      lastSeen = stream.next().id();
    }
    publishChunks(conversationId, messageId, 2, 5);
    publishHandoff(conversationId, messageId);

    // When it reconnects with Last-Event-ID
    try (Http.EventStream resumed =
        http.events(
            connector.uri("/v1/conversations/" + conversationId + "/events"),
            "X-API-Key",
            APP_KEY,
            "Last-Event-ID",
            lastSeen)) {
      // Then it gets exactly the missed events, in order
      List<Integer> seqs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Http.Event e = resumed.next();
        assertThat(e.name()).isEqualTo("chunk");
        seqs.add(e.json().get("seq").asInt());
      }
      assertThat(seqs).containsExactly(2, 3, 4);
      Http.Event handoff = resumed.next();
      assertThat(handoff.name()).isEqualTo("handoff");
      assertThat(handoff.json().get("reason").asString()).isEqualTo("USER_REQUEST");
    }
  }

  @Test
  void shouldAnswer400ForMalformedLastEventId() {
    Http.Reply reply =
        http.get(
            connector.uri("/v1/conversations/" + conversation() + "/events"),
            "X-API-Key",
            APP_KEY,
            "Accept",
            "text/event-stream",
            "Last-Event-ID",
            "garbage");

    assertProblem(reply, 400, "invalid_last_event_id");
  }

  @Test
  void shouldBindChatSessionToItsOwnConversationOnly() {
    // Given a chat-page session
    Http.Reply session = http.post(connector.uri("/v1/web/conversations"), "{\"resume\":true}");
    assertThat(session.status()).isEqualTo(201);
    String cookie = session.header("Set-Cookie");
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
    String cookieHeader = cookie.substring(0, cookie.indexOf(';'));
    String own = session.json().get("conversationId").asString();

    // When it writes to its own conversation and to another one
    Http.Reply ownMessage =
        send(Map.of("conversationId", own, "text", "hi"), "Cookie", cookieHeader);
    Http.Reply otherMessage =
        send(Map.of("conversationId", conversation(), "text", "hi"), "Cookie", cookieHeader);
    Http.Reply crossSite =
        send(
            Map.of("conversationId", own, "text", "hi"),
            "Cookie",
            cookieHeader,
            "Origin",
            "https://evil.example");

    // Then only the first goes through, on the web channel
    assertThat(ownMessage.status()).isEqualTo(202);
    assertThat(inboundRecord(ownMessage.json().get("messageId").asString()).value().getChannel())
        .isEqualTo("web");
    assertProblem(otherMessage, 403, "conversation_not_owned");
    assertProblem(crossSite, 403, "cross_site_request");

    Http.Reply resumed =
        http.post(
            connector.uri("/v1/web/conversations"), "{\"resume\":true}", "Cookie", cookieHeader);
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.json().get("conversationId").asString()).isEqualTo(own);
  }

  @Test
  void shouldRejectTamperedSessionCookie() {
    Http.Reply session = http.post(connector.uri("/v1/web/conversations"), "{}");
    String cookie = session.header("Set-Cookie");
    String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    String own = session.json().get("conversationId").asString();
    String forged = value.replace(own, conversation());

    Http.Reply reply = send(Map.of("text", "hi"), "Cookie", "sd_session=" + forged);

    assertProblem(reply, 401, "unauthorized");
  }

  @Test
  void shouldReportHealthAndMetrics() {
    Http.Reply health = http.get(connector.uri("/api/health"));
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
    assertThat(health.json().get("components").get("replies-feed").get("status").asString())
        .isEqualTo("UP");

    send(Map.of("text", "count me"), key(APP_KEY));
    Http.Reply metrics = http.get(connector.uri("/metrics"));
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("streamdesk_ingest_messages_published_total");
    assertThat(metrics.body()).contains("streamdesk_ingest_http_requests_seconds_bucket");
  }

  @Test
  void shouldDescribeTheApiInOpenApiAndServeDocsPage() {
    Http.Reply spec = http.get(connector.uri("/v3/api-docs"));
    assertThat(spec.status()).isEqualTo(200);
    JsonNode paths = spec.json().get("paths");
    assertThat(paths.has("/v1/messages")).isTrue();
    assertThat(paths.has("/api/query")).isTrue();
    assertThat(paths.has("/v1/conversations/{id}/events")).isTrue();
    assertThat(
            paths
                .get("/v1/messages")
                .get("post")
                .get("responses")
                .get("413")
                .get("content")
                .has("application/problem+json"))
        .isTrue();

    Http.Reply docs = http.get(connector.uri("/docs"));
    assertThat(docs.status()).isIn(200, 302);
  }

  @Test
  void shouldServeChatPageWithStrictContentSecurityPolicy() {
    Http.Reply page = http.get(connector.uri("/"));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<html");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
  }

  @Test
  void shouldAnswer429WithRetryAfterPerConversationAndPerKey() {
    // Given a connector with tight limits on the same broker
    try (ConnectorHarness limited =
        ConnectorHarness.start(
            kafka.bootstrapServers(),
            scope,
            Map.of(
                "ingest.rate-limit.conversation.per-minute", "1",
                "ingest.rate-limit.conversation.burst", "2",
                "ingest.rate-limit.key.per-second", "1",
                "ingest.rate-limit.key.burst", "3"))) {
      String conversationId = conversation();

      // When one conversation sends three messages at once
      List<Http.Reply> replies = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        replies.add(
            http.postJson(
                limited.uri("/v1/messages"),
                Map.of("conversationId", conversationId, "text", "again " + i),
                key(APP_KEY)));
      }

      // Then the third is refused with Retry-After
      assertThat(replies.get(0).status()).isEqualTo(202);
      assertThat(replies.get(1).status()).isEqualTo(202);
      assertProblem(replies.get(2), 429, "rate_limited");
      assertThat(replies.get(2).json().get("limit").asString()).isEqualTo("conversation");
      assertThat(Long.parseLong(replies.get(2).header("Retry-After"))).isBetween(1L, 60L);

      // And a key sending faster than its rate is refused too, whatever the conversation
      Http.Reply refused = null;
      for (int i = 0; i < 10 && refused == null; i++) {
        Http.Reply r =
            http.postJson(
                limited.uri("/v1/messages"),
                Map.of("conversationId", conversation(), "text", "burst"),
                key(ConnectorHarness.OTHER_KEY));
        if (r.status() == 429) {
          refused = r;
        }
      }
      assertThat(refused).isNotNull();
      assertProblem(refused, 429, "rate_limited");
      assertThat(refused.json().get("limit").asString()).isEqualTo("api_key");
      assertThat(refused.header("Retry-After")).isEqualTo("1");
    }
  }

  @Test
  void shouldServeAnyConversationFromAnyReplicaAndResumeAcrossReplicas() {
    try (ConnectorHarness replicaB =
        ConnectorHarness.start(kafka.bootstrapServers(), scope, Map.of())) {
      String conversationId = conversation();
      String messageId = UUID.randomUUID().toString();
      String lastSeenOnB;
      // A client streams from replica B while the pipeline answers a message sent to replica A.
      try (Http.EventStream onB =
          http.events(
              replicaB.uri("/v1/conversations/" + conversationId + "/events"), key(APP_KEY))) {
        Http.Reply viaA =
            http.postJson(
                connector.uri("/api/query"),
                Map.of("conversation_id", conversationId, "user_query", "hello from A"),
                key(APP_KEY));
        assertThat(viaA.status()).isEqualTo(200);
        Http.Event event;
        while (!(event = onB.next()).name().equals("reply")) {
          assertThat(event.name()).isEqualTo("chunk");
        }
        assertThat(event.json().get("text").asString())
            .isEqualTo(viaA.json().get("response").asString());
        publishChunks(conversationId, messageId, 0, 1);
        lastSeenOnB = onB.next().id();
      }
      publishChunks(conversationId, messageId, 1, 3);

      // The client reconnects to replica A with the id it got from B.
      try (Http.EventStream onA =
          http.events(
              connector.uri("/v1/conversations/" + conversationId + "/events"),
              "X-API-Key",
              APP_KEY,
              "Last-Event-ID",
              lastSeenOnB)) {
        assertThat(onA.next().json().get("seq").asInt()).isEqualTo(1);
        assertThat(onA.next().json().get("seq").asInt()).isEqualTo(2);
      }
    }
  }

  @Test
  void shouldEndOpenStreamsWhenTheConnectorStops() {
    ConnectorHarness replica = ConnectorHarness.start(kafka.bootstrapServers(), scope, Map.of());
    try (Http.EventStream stream =
        http.events(replica.uri("/v1/conversations/" + conversation() + "/events"), key(APP_KEY))) {
      assertThat(stream.status).isEqualTo(200);

      replica.close();

      await().atMost(Duration.ofSeconds(15)).until(stream::ended);
    }
  }

  @Test
  void shouldRefuseToStartWhenItsTopicsAreMissing() {
    assertThatThrownBy(
            () ->
                ConnectorHarness.start(
                    kafka.bootstrapServers(), scope, Map.of("topic.prefix", "absent.")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("absent.cs.replies does not exist");
  }

  @Test
  void shouldRunUnderTheServiceHostWithItsChecksOnTheOpsEndpoint() {
    Map<String, Object> values = new HashMap<>();
    values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    values.put("schema.registry.url", "mock://" + scope);
    values.put("topic.partitions", "1");
    values.put("ingest.port", "0");
    Configuration configuration = Configuration.of(values);
    KafkaSettings settings = KafkaSettings.load(configuration);
    try (OpsServer ops = OpsServer.start(0);
        AvroTopicSerdes serdes = AvroTopicSerdes.create(settings.registryConfig());
        ServiceHost host =
            new ServiceHost(
                ops, ServiceContext.of(configuration, settings, serdes, ops.meterRegistry()))) {
      IngestConnectorService service =
          (IngestConnectorService)
              host.start(ServiceFactory.named(IngestConnectorService.NAME).orElseThrow());

      assertThat(ops.health().isUp()).isTrue();
      assertThat(ops.health().components())
          .containsKeys(
              "ingest-connector.publisher",
              "ingest-connector.replies-feed",
              "ingest-connector.inbound-feed",
              "ingest-connector.http");
      assertThat(service.inputs()).contains(service.baseUri().toString(), "cs.replies");
      assertThat(service.outputs()).containsExactly("cs.messages.inbound");
      assertThat(http.get(service.baseUri().resolve("/metrics")).body())
          .contains("kafka_producer"); // the producer's own metrics, bound to the ops registry
    }
  }

  // ---- helpers

  static void assertProblem(Http.Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    JsonNode body = reply.json();
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("code").asString()).isEqualTo(code);
    assertThat(body.get("type").asString()).endsWith(code);
    assertThat(body.get("detail").asString()).isNotBlank();
  }

  /** The inbound record of a message id, read from the start of the topic. */
  static ConsumerRecord<String, CustomerMessageReceived> inboundRecord(String messageId) {
    List<ConsumerRecord<String, CustomerMessageReceived>> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              readInbound().stream()
                  .filter(r -> r.value().getMessageId().equals(messageId))
                  .findFirst()
                  .ifPresent(found::add);
              return !found.isEmpty();
            });
    return found.getFirst();
  }

  static List<ConsumerRecord<String, CustomerMessageReceived>> inboundRecordsOf(
      String conversationId, int atLeast) {
    List<ConsumerRecord<String, CustomerMessageReceived>> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              found.clear();
              readInbound().stream()
                  .filter(r -> r.key().equals(conversationId))
                  .forEach(found::add);
              return found.size() >= atLeast;
            });
    return found;
  }

  static List<ConsumerRecord<String, CustomerMessageReceived>> readInbound() {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaConsumer<String, CustomerMessageReceived> consumer =
        new KafkaConsumer<>(
            props,
            new StringDeserializer(),
            connector.serdes.valueSerde(connector.topics.messagesInbound()).deserializer())) {
      TopicPartition tp = new TopicPartition(connector.topics.messagesInbound().name(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      List<ConsumerRecord<String, CustomerMessageReceived>> all = new ArrayList<>();
      while (consumer.position(tp) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(all::add);
      }
      return all;
    }
  }

  static void publishChunks(String conversationId, String messageId, int from, int to) {
    try (KafkaProducer<String, ReplyChunk> producer =
        new KafkaProducer<>(
            producerProps(),
            new StringSerializer(),
            connector.serdes.valueSerde(connector.topics.replyChunks()).serializer())) {
      for (int seq = from; seq < to; seq++) {
        producer.send(
            new ProducerRecord<>(
                connector.topics.replyChunks().name(),
                conversationId,
                ReplyChunk.newBuilder()
                    .setMessageId(messageId)
                    .setConversationId(conversationId)
                    .setSeq(seq)
                    .setDelta("part" + seq + " ")
                    .setFinal$(false)
                    .setAt(Instant.now())
                    .build()));
      }
    }
  }

  static void publishHandoff(String conversationId, String messageId) {
    try (KafkaProducer<String, HandoffRequested> producer =
        new KafkaProducer<>(
            producerProps(),
            new StringSerializer(),
            connector.serdes.valueSerde(connector.topics.handoffs()).serializer())) {
      producer.send(
          new ProducerRecord<>(
              connector.topics.handoffs().name(),
              conversationId,
              HandoffRequested.newBuilder()
                  .setHandoffId(UUID.randomUUID().toString())
                  .setMessageId(messageId)
                  .setConversationId(conversationId)
                  .setChannel("app")
                  .setLanguage("en")
                  .setReason(HandoffReason.USER_REQUEST)
                  .setIntent("human_agent")
                  .setPriority(HandoffPriority.NORMAL)
                  .setRequestedAt(Instant.now())
                  .build()));
    }
  }

  static Map<String, Object> producerProps() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return props;
  }
}
