package io.streamdesk.ingest;

import static io.streamdesk.ingest.ConnectorHarness.APP_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamdesk.ingest.admin.AdminKey;
import io.streamdesk.schemas.events.DeliveryFailed;
import io.streamdesk.schemas.events.DeliveryKind;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The operations page's API end to end on an embedded broker: the connector's feeds fill the
 * one-hour window from the topics (replies of a test responder, a dead letter and a failed delivery
 * written straight to their topics), and the summary is served only with the admin key.
 */
class AdminApiIT {

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withCatalogue();

  static final String ADMIN_KEY = AdminKey.generate();
  static final Http http = new Http();
  static ConnectorHarness connector;
  static TestResponder responder;

  @BeforeAll
  static void start() {
    connector =
        ConnectorHarness.start(
            kafka.bootstrapServers(),
            ConnectorHarness.newScope(),
            Map.of("ingest.admin.key-hash", AdminKey.of(ADMIN_KEY).format()));
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

  @Test
  void shouldRefuseTheSummaryWithoutTheAdminKey() {
    // When asked without a key, and with a wrong one
    Http.Reply none = http.get(connector.uri("/admin/api/summary"));
    Http.Reply wrong =
        http.get(connector.uri("/admin/api/summary"), "X-Admin-Key", AdminKey.generate());
    Http.Reply apiKey = http.get(connector.uri("/admin/api/summary"), "X-Admin-Key", APP_KEY);

    // Then 401 problems that name the header and never echo what was sent
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("code").asString()).isEqualTo("unauthorized");
    assertThat(none.header("WWW-Authenticate")).contains("X-Admin-Key");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(apiKey.status()).isEqualTo(401);
    assertThat(apiKey.body()).doesNotContain(APP_KEY);
  }

  @Test
  void shouldSummariseTheLastHourFromTheTopicsForTheAdmin() throws Exception {
    // Given three questions, a request for a human, a dead letter and a failed delivery
    for (int i = 0; i < 3; i++) {
      assertThat(
              http.postJson(
                      connector.uri("/v1/messages"),
                      Map.of("text", "Where is my parcel " + i + "?"),
                      "X-API-Key",
                      APP_KEY)
                  .status())
          .isEqualTo(202);
    }
    assertThat(
            http.postJson(
                    connector.uri("/v1/messages"),
                    Map.of("text", "A human, please", "metadata", Map.of("request", "human_agent")),
                    "X-API-Key",
                    APP_KEY)
                .status())
        .isEqualTo(202);
    produceDeadLetterAndFailedDelivery();

    // When the admin asks for the summary
    JsonNode summary =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                AdminApiIT::summary,
                s ->
                    s.at("/totals/replies").asLong() >= 4
                        && s.at("/dlq/total").asLong() >= 1
                        && s.at("/deliveries/failed").asLong() >= 1);

    // Then it holds the hour's volume, intents, action mix, handoff rate, latency and failures
    assertThat(summary.at("/totals/inbound").asLong()).isEqualTo(4);
    assertThat(summary.at("/totals/replies").asLong()).isEqualTo(4);
    assertThat(summary.at("/totals/handoffs").asLong()).isEqualTo(1);
    assertThat(summary.at("/handoffRate").asDouble()).isEqualTo(0.25);
    assertThat(summary.at("/actions/ANSWER").asLong()).isEqualTo(3);
    assertThat(summary.at("/actions/HANDOFF").asLong()).isEqualTo(1);
    assertThat(summary.at("/intents/0/key").asString()).isEqualTo("delivery_time");
    assertThat(summary.at("/intents/0/count").asLong()).isEqualTo(3);
    assertThat(summary.at("/handoffReasons/USER_REQUEST").asLong()).isEqualTo(1);
    assertThat(summary.at("/latencyMs/endToEnd/count").asLong()).isEqualTo(4);
    assertThat(summary.at("/latencyMs/endToEnd/p95").isNumber()).isTrue();
    assertThat(summary.at("/perMinute")).hasSize(60);
    assertThat(summary.at("/perMinute/59/inbound").asLong()).isBetween(0L, 4L);
    assertThat(summary.at("/dlq/byStage/0/key").asString()).isEqualTo("intent-stream/PROCESSING");
    assertThat(summary.at("/deliveries/failedByChannel/0/key").asString()).isEqualTo("wecom");
    assertThat(summary.at("/window/bucketSeconds").asInt()).isEqualTo(60);
    assertThat(summary.has("kb")).isTrue();

    // And the connector's own meters show the intake and the end-to-end latency it observed
    String metrics = http.get(connector.uri("/metrics")).body();
    assertThat(metrics)
        .contains(
            "streamdesk_stage_messages_total{outcome=\"accepted\",service=\"ingest-connector\","
                + "stage=\"ingest\"} 4.0")
        .contains(
            "streamdesk_stage_latency_seconds_count{service=\"ingest-connector\","
                + "stage=\"end_to_end\"} 4")
        .contains("kafka_consumer_fetch_manager_records_lag_max{application=\"ingest-connector\"")
        .contains("kafka_producer_record_send_total{application=\"ingest-connector\"");
  }

  @Test
  void shouldServeThePageWithAStrictContentSecurityPolicy() {
    Http.Reply page = http.get(connector.uri("/admin"));
    Http.Reply script = http.get(connector.uri("/admin/admin.js"));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<h1 data-i18n=\"title\">Operations</h1>");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(script.status()).isEqualTo(200);
  }

  @Test
  void shouldAnswer404WhenNoAdminKeyIsConfigured() {
    try (ConnectorHarness plain =
        ConnectorHarness.start(kafka.bootstrapServers(), ConnectorHarness.newScope(), Map.of())) {
      Http.Reply reply =
          http.get(plain.uri("/admin/api/summary"), "X-Admin-Key", AdminKey.generate());

      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.json().get("code").asString()).isEqualTo("admin_disabled");
    }
  }

  private static JsonNode summary() {
    Http.Reply reply = http.get(connector.uri("/admin/api/summary"), "X-Admin-Key", ADMIN_KEY);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    return reply.json();
  }

  private static void produceDeadLetterAndFailedDelivery() throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    var dlq = connector.topics.dlq();
    var deliveries = connector.topics.deliveries();
    ProcessingFailed deadLetter =
        ProcessingFailed.newBuilder()
            .setStage("intent-stream")
            .setKind(FailureKind.PROCESSING)
            .setExceptionClass("java.lang.IllegalStateException")
            .setExceptionMessage("boom")
            .setStackTrace("")
            .setFailedAt(Instant.now())
            .build();
    DeliveryFailed failed =
        DeliveryFailed.newBuilder()
            .setDeliveryId("m-x:wecom")
            .setMessageId("m-x")
            .setConversationId("c-x")
            .setChannel("wecom")
            .setKind(DeliveryKind.REPLY)
            .setEndpoint("wecom")
            .setReason("HTTP 500")
            .setAttempts(3)
            .setRetryable(true)
            .setFailedAt(Instant.now())
            .build();
    try (var dlqProducer =
            new KafkaProducer<>(
                props, new StringSerializer(), connector.serdes.valueSerde(dlq).serializer());
        var deliveryProducer =
            new KafkaProducer<>(
                props,
                new StringSerializer(),
                connector.serdes.valueSerde(deliveries).serializer())) {
      String key = "c-" + UUID.randomUUID();
      dlqProducer.send(new ProducerRecord<>(dlq.name(), key, deadLetter)).get();
      deliveryProducer.send(new ProducerRecord<>(deliveries.name(), key, failed)).get();
    }
  }
}
