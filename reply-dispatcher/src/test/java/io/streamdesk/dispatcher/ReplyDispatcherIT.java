package io.streamdesk.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.dispatcher.WebhookReceiver.Received;
import io.streamdesk.dispatcher.WebhookReceiver.Response;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.ops.OpsServer;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.ServiceHost;
import io.streamdesk.runtime.service.StreamDeskService;
import io.streamdesk.schemas.events.DeliveryFailed;
import io.streamdesk.schemas.events.DeliveryKind;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyDelivered;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.events.TurnRole;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.testkit.DlqAssert;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import io.streamdesk.testkit.Events;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dispatcher on a real (embedded) broker against webhook receivers of the test's own. Each test
 * gets a fresh set of topics (its own prefix) and its own dispatcher, so tests share nothing but
 * the broker.
 */
class ReplyDispatcherIT {

  @RegisterExtension static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.empty();

  private static final String REGISTRY_SCOPE = "dispatcher-it-" + UUID.randomUUID();
  private static final String CHANNEL_SECRET = "whsec_channel";
  private static final String TICKET_SECRET = "whsec_tickets";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger TEST_NUMBER = new AtomicInteger();

  private String prefix;
  private int partitions;
  private Topics topics;
  private AvroTopicSerdes serdes;
  private KafkaProducer<byte[], byte[]> producer;
  private TopicTail<SpecificRecord> deliveries;
  private TopicTail<ProcessingFailed> dlq;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void freshTopics() {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    useTopics(1);
  }

  /** Creates a catalogue of its own (new prefix) with {@code partitionCount} partitions. */
  private void useTopics(int partitionCount) {
    if (deliveries != null) {
      deliveries.close();
      dlq.close();
      serdes.close();
    }
    prefix = "it" + TEST_NUMBER.incrementAndGet() + ".";
    partitions = partitionCount;
    KafkaSettings settings = kafkaSettings();
    topics = settings.topics();
    kafka.broker().createTopics(topics);
    serdes = AvroTopicSerdes.create(settings.registryConfig());
    deliveries = new TopicTail<>(kafka.bootstrapServers(), topics.deliveries(), serdes);
    dlq = new TopicTail<>(kafka.bootstrapServers(), topics.dlq(), serdes);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : closeables.reversed()) {
      closeable.close();
    }
    closeables.clear();
    deliveries.close();
    dlq.close();
    deliveries = null;
    dlq = null;
    producer.close();
    serdes.close();
  }

  @AfterAll
  static void dropRegistry() {
    InMemorySchemaRegistry.drop(REGISTRY_SCOPE);
  }

  @Test
  void shouldRetryAReceiverThatFailsTwiceThenDeliverExactlyOnceWithAValidSignature() {
    // Given a receiver that answers 503 twice, then 200
    WebhookReceiver receiver =
        receiver(CHANNEL_SECRET, (body, attempt) -> Response.status(attempt <= 2 ? 503 : 200));
    Running dispatcher = start(channel("wecom", receiver, Map.of()));

    // When a reply for the channel arrives
    ReplyGenerated reply = reply("c-1", "m-1", "wecom");
    send(topics.replies(), "c-1", reply);

    // Then it is recorded as delivered after three attempts
    ReplyDelivered delivered = awaitDelivered("m-1:wecom");
    assertThat(delivered.getAttempts()).isEqualTo(3);
    assertThat(delivered.getStatusCode()).isEqualTo(200);
    assertThat(delivered.getKind()).isEqualTo(DeliveryKind.REPLY);
    assertThat(delivered.getEndpoint()).isEqualTo("wecom");
    assertThat(delivered.getMessageId()).isEqualTo("m-1");
    assertThat(delivered.getConversationId()).isEqualTo("c-1");

    // And the receiver saw three signed attempts of the same body, one of them accepted
    List<Received> requests = receiver.forDelivery("m-1:wecom");
    assertThat(requests).hasSize(3);
    assertThat(requests).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
    assertThat(requests)
        .extracting(r -> r.headers().get("x-streamdesk-attempt"))
        .containsExactly("1", "2", "3");
    assertThat(requests).extracting(Received::status).containsExactly(503, 503, 200);
    assertThat(requests)
        .extracting(r -> new String(r.body(), StandardCharsets.UTF_8))
        .containsOnly(new String(requests.get(0).body(), StandardCharsets.UTF_8));
    Received accepted = requests.get(2);
    assertThat(accepted.headers())
        .containsEntry("content-type", "application/json; charset=utf-8")
        .containsEntry("x-streamdesk-event", "reply")
        .containsEntry("x-streamdesk-delivery-id", "m-1:wecom");
    assertThat(accepted.json().get("text").asText()).isEqualTo(reply.getText());
    assertThat(accepted.json().get("messageId").asText()).isEqualTo("m-1");
    assertThat(accepted.json().get("replyId").asText()).isEqualTo(reply.getReplyId());

    // And nothing else was recorded
    assertThat(outcomesFor("m-1:wecom")).hasSize(1);
    DlqAssert.assertThat(dlq.values()).isEmpty();
    assertThat(count(dispatcher, "streamdesk.dispatcher.attempts", "result", "5xx")).isEqualTo(2);
    assertThat(count(dispatcher, "streamdesk.dispatcher.attempts", "result", "2xx")).isEqualTo(1);
    assertThat(count(dispatcher, "streamdesk.dispatcher.deliveries", "outcome", "delivered"))
        .isEqualTo(1);
    assertThat(dispatcher.service().healthChecks().get("dispatcher").check().isUp()).isTrue();
  }

  @Test
  void shouldNotRetryA400AndRecordANonRetryableFailureAndADeadLetter() {
    // Given a receiver that rejects the request
    WebhookReceiver receiver = receiver(CHANNEL_SECRET, (body, attempt) -> Response.status(400));
    Running running = start(channel("wecom", receiver, Map.of()));

    // When
    ReplyGenerated reply = reply("c-2", "m-2", "wecom");
    byte[] raw = send(topics.replies(), "c-2", reply);

    // Then one attempt only, a DeliveryFailed that says why, and the original on the DLQ
    DeliveryFailed failed = awaitFailed("m-2:wecom");
    assertThat(failed.getRetryable()).isFalse();
    assertThat(failed.getAttempts()).isEqualTo(1);
    assertThat(failed.getLastStatusCode()).isEqualTo(400);
    assertThat(failed.getReason()).startsWith("HTTP 400").contains("{\"status\":400}");
    assertThat(failed.getEndpoint()).isEqualTo("wecom");
    assertThat(receiver.forDelivery("m-2:wecom")).hasSize(1);
    List<ProcessingFailed> deadLetters = awaitDeadLetters(1);
    ProcessingFailed deadLetter =
        DlqAssert.assertThat(deadLetters)
            .hasFailure(ReplyDispatcher.NAME, FailureKind.BUSINESS)
            .hasFailureOf(OutcomeRecorder.WEBHOOK_REJECTED)
            .containsRawValue(raw)
            .single();
    assertThat(deadLetter.getMessageId()).isEqualTo("m-2");
    assertThat(deadLetter.getConversationId()).isEqualTo("c-2");
    assertThat(deadLetter.getSourceTopic()).isEqualTo(topics.replies().name());
    assertThat(deadLetter.getExceptionMessage()).contains("HTTP 400");
    assertThat(count(running, "streamdesk.dlq.records", "kind", "BUSINESS")).isEqualTo(1);
    assertThat(count(running, "streamdesk.stage.messages", "outcome", "failed")).isEqualTo(1);
  }

  @Test
  void shouldHonourRetryAfterOnA429() {
    // Given a receiver that asks to come back in one second, far above the backoff
    WebhookReceiver receiver =
        receiver(
            CHANNEL_SECRET,
            (body, attempt) ->
                attempt == 1 ? new Response(429, Map.of("Retry-After", "1"), null) : Response.ok());
    start(channel("wecom", receiver, Map.of()));

    // When
    send(topics.replies(), "c-3", reply("c-3", "m-3", "wecom"));

    // Then the second attempt came no sooner than asked
    assertThat(awaitDelivered("m-3:wecom").getAttempts()).isEqualTo(2);
    List<Received> requests = receiver.forDelivery("m-3:wecom");
    Duration gap =
        Duration.ofNanos(requests.get(1).arrivedNanos() - requests.get(0).arrivedNanos());
    assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldRetryATimedOutAttempt() {
    // Given a receiver whose first answer takes far longer than the channel's timeout
    CountDownLatch slowFirstAnswer = new CountDownLatch(1);
    WebhookReceiver receiver =
        receiver(
            CHANNEL_SECRET,
            (body, attempt) ->
                attempt == 1 ? new Response(200, Map.of(), slowFirstAnswer) : Response.ok());
    Running dispatcher = start(channel("wecom", receiver, Map.of("timeout", "1s")));

    // When
    send(topics.replies(), "c-4", reply("c-4", "m-4", "wecom"));

    // Then the timeout counts as a failed attempt and the second attempt delivers
    assertThat(awaitDelivered("m-4:wecom").getAttempts()).isEqualTo(2);
    assertThat(count(dispatcher, "streamdesk.dispatcher.attempts", "result", "timeout"))
        .isEqualTo(1);
    slowFirstAnswer.countDown();
  }

  @Test
  void shouldGiveUpAfterTheConfiguredAttemptsWithARetryableFailureAndADeadLetter() {
    // Given a receiver that is always unavailable and three attempts allowed
    WebhookReceiver receiver = receiver(CHANNEL_SECRET, (body, attempt) -> Response.status(503));
    Map<String, Object> config = channel("wecom", receiver, Map.of());
    config.put("dispatcher.retry.max-attempts", "3");
    start(config);

    // When
    send(topics.replies(), "c-5", reply("c-5", "m-5", "wecom"));

    // Then
    DeliveryFailed failed = awaitFailed("m-5:wecom");
    assertThat(failed.getRetryable()).isTrue();
    assertThat(failed.getAttempts()).isEqualTo(3);
    assertThat(failed.getLastStatusCode()).isEqualTo(503);
    assertThat(failed.getReason()).contains("HTTP 503").contains("gave up after 3 attempts");
    assertThat(receiver.forDelivery("m-5:wecom")).hasSize(3);
    DlqAssert.assertThat(awaitDeadLetters(1))
        .hasFailure(ReplyDispatcher.NAME, FailureKind.BUSINESS)
        .hasFailureOf(OutcomeRecorder.WEBHOOK_UNAVAILABLE);
  }

  @Test
  void shouldNotDeliverAReplayedReplyAgainAlsoAfterARestartWithLostOffsets() {
    // Given a reply delivered once
    WebhookReceiver receiver = receiver(CHANNEL_SECRET, (body, attempt) -> Response.ok());
    Map<String, Object> config = channel("wecom", receiver, Map.of());
    Running first = start(config);
    ReplyGenerated reply = reply("c-6", "m-6", "wecom");
    send(topics.replies(), "c-6", reply);
    awaitDelivered("m-6:wecom");

    // When the same reply is produced again, followed by another one
    send(topics.replies(), "c-6", reply);
    send(topics.replies(), "c-6", reply("c-6", "m-7", "wecom"));

    // Then the replay is dropped and the next one delivered
    awaitDelivered("m-7:wecom");
    assertThat(count(first, "streamdesk.dispatcher.dedup.hits", "kind", "reply")).isEqualTo(1);
    assertThat(receiver.forDelivery("m-6:wecom")).hasSize(1);

    // When the dispatcher restarts in a new consumer group that re-reads the whole topic (as if
    // its offsets were lost), and the reply is replayed once more after the restart
    first.close();
    config.put("dispatcher.group-id", "reply-dispatcher-restarted");
    Running restarted = start(config);
    send(topics.replies(), "c-6", reply);

    // Then the rebuilt ledger drops all four records and the receiver got nothing new
    await()
        .atMost(WAIT)
        .until(() -> count(restarted, "streamdesk.dispatcher.dedup.hits", "kind", "reply") == 4);
    assertThat(receiver.forDelivery("m-6:wecom")).hasSize(1);
    assertThat(receiver.forDelivery("m-7:wecom")).hasSize(1);
    assertThat(outcomesFor("m-6:wecom")).hasSize(1);
    assertThat(outcomesFor("m-7:wecom")).hasSize(1);
  }

  @Test
  void shouldDeliverAReplyThatWasWaitingForARetryWhenTheDispatcherStoppedAfterItRestarts() {
    // Given a receiver that is down, and a backoff far longer than the test
    AtomicInteger status = new AtomicInteger(503);
    WebhookReceiver receiver =
        receiver(CHANNEL_SECRET, (body, attempt) -> Response.status(status.get()));
    Map<String, Object> config = channel("wecom", receiver, Map.of());
    config.put("dispatcher.retry.initial-backoff", "10m");
    config.put("dispatcher.retry.max-backoff", "10m");
    Running first = start(config);
    send(topics.replies(), "c-13", reply("c-13", "m-13", "wecom"));
    await().atMost(WAIT).until(() -> receiver.forDelivery("m-13:wecom").size() == 1);

    // When the dispatcher stops while the reply waits for its retry, and the receiver recovers
    first.close();
    assertThat(first.service().healthChecks().get("dispatcher").check().isUp()).isFalse();
    assertThat(outcomesFor("m-13:wecom")).isEmpty();
    status.set(200);
    start(config);

    // Then the restarted dispatcher (same group) reads the unfinished reply again and delivers it
    // (the attempt count starts again: it is not durable, the unfinished offset is)
    assertThat(awaitDelivered("m-13:wecom").getAttempts()).isEqualTo(1);
    assertThat(receiver.forDelivery("m-13:wecom"))
        .extracting(Received::status)
        .containsExactly(503, 200);
  }

  @Test
  void shouldSplitPartitionsBetweenInstancesAndKeepDeduplicatingAfterARebalance() {
    // Given two instances of one group on three partitions
    useTopics(3);
    WebhookReceiver receiver = receiver(CHANNEL_SECRET, (body, attempt) -> Response.ok());
    Map<String, Object> config = channel("wecom", receiver, Map.of());
    Running one = start(config);
    Running two = start(config);
    List<ReplyGenerated> replies = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      replies.add(reply("c-p" + i, "m-p" + i, "wecom"));
    }

    // When replies of twelve conversations arrive
    replies.forEach(r -> send(topics.replies(), r.getConversationId(), r));

    // Then each is delivered once, and both instances did part of the work
    replies.forEach(r -> awaitDelivered(r.getInReplyTo() + ":wecom"));
    assertThat(receiver.received()).hasSize(12);
    double byOne = count(one, "streamdesk.dispatcher.deliveries", "outcome", "delivered");
    double byTwo = count(two, "streamdesk.dispatcher.deliveries", "outcome", "delivered");
    assertThat(byOne + byTwo).isEqualTo(12);
    assertThat(byOne).isPositive();
    assertThat(byTwo).isPositive();

    // When one instance leaves, the other takes its partitions over, and every reply is replayed
    two.close();
    await()
        .atMost(WAIT)
        .until(
            () ->
                one.service()
                    .healthChecks()
                    .get("dispatcher")
                    .check()
                    .detail()
                    .startsWith("6 partitions"));
    replies.forEach(r -> send(topics.replies(), r.getConversationId(), r));

    // Then the ledger rebuilt from the partitions it took over drops all of them
    await()
        .atMost(WAIT)
        .until(() -> count(one, "streamdesk.dispatcher.dedup.hits", "kind", "reply") == 12);
    assertThat(receiver.received()).hasSize(12);
  }

  @Test
  void shouldSendAHandoffToTheTicketWebhookWithItsFields() {
    // Given a ticket webhook
    WebhookReceiver tickets = receiver(TICKET_SECRET, (body, attempt) -> Response.ok());
    Map<String, Object> config = baseConfig();
    config.put("dispatcher.tickets.url", tickets.url("/tickets").toString());
    config.put("dispatcher.tickets.secret", TICKET_SECRET);
    config.put("dispatcher.tickets.header.X-Queue", "tier-2");
    start(config);

    // When a complaint is handed off
    HandoffRequested handoff =
        Events.handoffRequested()
            .setConversationId("c-8")
            .setMessageId("m-8")
            .setReason(HandoffReason.COMPLAINT)
            .setPriority(HandoffPriority.HIGH)
            .setIntent("complaint")
            .setSummary("Parcel two weeks late; customer angry.")
            .setLastTurns(
                List.of(
                    Turn.newBuilder()
                        .setRole(TurnRole.USER)
                        .setText("Where is my parcel?!")
                        .setMessageId("m-8")
                        .setIntent("complaint")
                        .setAt(Events.AT)
                        .build()))
            .build();
    send(topics.handoffs(), "c-8", handoff);

    // Then the ticket webhook gets it, signed with its own secret, and the outcome says HANDOFF
    ReplyDelivered delivered = awaitDelivered("m-8:web:handoff");
    assertThat(delivered.getKind()).isEqualTo(DeliveryKind.HANDOFF);
    assertThat(delivered.getEndpoint()).isEqualTo("tickets");
    Received ticket = tickets.forDelivery("m-8:web:handoff").get(0);
    assertThat(ticket.signatureValid()).isTrue();
    assertThat(ticket.headers())
        .containsEntry("x-streamdesk-event", "handoff")
        .containsEntry("x-queue", "tier-2");
    assertThat(ticket.json().get("type").asText()).isEqualTo("handoff");
    assertThat(ticket.json().get("summary").asText())
        .isEqualTo("Parcel two weeks late; customer angry.");
    assertThat(ticket.json().get("intent").asText()).isEqualTo("complaint");
    assertThat(ticket.json().get("reason").asText()).isEqualTo("COMPLAINT");
    assertThat(ticket.json().get("priority").asText()).isEqualTo("HIGH");
    assertThat(ticket.json().get("lastTurns").get(0).get("text").asText())
        .isEqualTo("Where is my parcel?!");
  }

  @Test
  void shouldNotLetASlowConversationHoldUpAnotherAndKeepEachConversationInOrder() {
    // Given a receiver that holds conversation c-slow's first reply until released
    CountDownLatch releaseSlow = new CountDownLatch(1);
    WebhookReceiver receiver =
        receiver(
            CHANNEL_SECRET,
            (body, attempt) ->
                body.get("messageId").asText().equals("m-slow-1")
                    ? new Response(200, Map.of(), releaseSlow)
                    : Response.ok());
    start(channel("wecom", receiver, Map.of()));

    // When two replies of c-slow and then one of c-fast arrive, all in the same partition
    send(topics.replies(), "c-slow", reply("c-slow", "m-slow-1", "wecom"));
    send(topics.replies(), "c-slow", reply("c-slow", "m-slow-2", "wecom"));
    send(topics.replies(), "c-fast", reply("c-fast", "m-fast-1", "wecom"));

    // Then c-fast is delivered while c-slow's first reply is still in flight
    awaitDelivered("m-fast-1:wecom");
    assertThat(outcomesFor("m-slow-1:wecom")).isEmpty();
    // And c-slow's second reply waits behind its first
    assertThat(receiver.forDelivery("m-slow-2:wecom")).isEmpty();

    // When the slow answer comes
    releaseSlow.countDown();

    // Then c-slow's replies are delivered in order
    awaitDelivered("m-slow-2:wecom");
    assertThat(outcomesFor("m-slow-1:wecom")).hasSize(1);
    List<String> slowOrder =
        receiver.received().stream()
            .map(r -> r.json().get("messageId").asText())
            .filter(m -> m.startsWith("m-slow"))
            .toList();
    assertThat(slowOrder).containsExactly("m-slow-1", "m-slow-2");
  }

  @Test
  void shouldDeadLetterAnUnreadableRecordAndGoOn() {
    // Given
    WebhookReceiver receiver = receiver(CHANNEL_SECRET, (body, attempt) -> Response.ok());
    start(channel("wecom", receiver, Map.of()));
    byte[] poison = "not an avro record".getBytes(StandardCharsets.UTF_8);

    // When a poison record precedes a good one
    producer.send(
        new ProducerRecord<>(
            topics.replies().name(), "c-9".getBytes(StandardCharsets.UTF_8), poison));
    send(topics.replies(), "c-9", reply("c-9", "m-9", "wecom"));

    // Then the poison record is dead-lettered with its bytes and the good one delivered
    awaitDelivered("m-9:wecom");
    ProcessingFailed deadLetter =
        DlqAssert.assertThat(awaitDeadLetters(1))
            .hasFailure(ReplyDispatcher.NAME, FailureKind.DESERIALIZATION)
            .containsRawValue(poison)
            .single();
    assertThat(deadLetter.getConversationId()).isEqualTo("c-9");
    assertThat(deadLetter.getSourceOffset()).isZero();
  }

  @Test
  void shouldSkipAChannelWithoutAWebhookWithoutRecordingAnything() {
    // Given only wecom has a webhook (web replies reach the chat page by SSE)
    WebhookReceiver receiver = receiver(CHANNEL_SECRET, (body, attempt) -> Response.ok());
    Running dispatcher = start(channel("wecom", receiver, Map.of()));

    // When
    send(topics.replies(), "c-10", reply("c-10", "m-10", "web"));
    send(topics.replies(), "c-11", reply("c-11", "m-11", "wecom"));

    // Then the web reply is counted as skipped, with no outcome and no dead letter
    awaitDelivered("m-11:wecom");
    await()
        .atMost(WAIT)
        .until(
            () -> count(dispatcher, "streamdesk.dispatcher.deliveries", "outcome", "skipped") == 1);
    assertThat(outcomesFor("m-10:web")).isEmpty();
    DlqAssert.assertThat(dlq.values()).isEmpty();
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void shouldFailAChannelWithoutAWebhookWhenSkippingIsOff() {
    // Given
    Map<String, Object> config = baseConfig();
    config.put("dispatcher.skip-unconfigured-channels", "false");
    start(config);

    // When
    send(topics.replies(), "c-12", reply("c-12", "m-12", "app"));

    // Then
    DeliveryFailed failed = awaitFailed("m-12:app");
    assertThat(failed.getReason()).isEqualTo("no webhook configured");
    assertThat(failed.getRetryable()).isFalse();
    assertThat(failed.getAttempts()).isZero();
    DlqAssert.assertThat(awaitDeadLetters(1)).hasFailureOf(OutcomeRecorder.NO_WEBHOOK);
  }

  @Test
  void shouldRunUnderTheServiceHostWithHealthAndPrometheusMetricsOnTheOpsEndpoint()
      throws Exception {
    // Given the service started the way ./cs service and the local stack start it
    WebhookReceiver receiver = receiver(CHANNEL_SECRET, (body, attempt) -> Response.ok());
    Configuration configuration = Configuration.of(channel("wecom", receiver, Map.of()));
    OpsServer ops = OpsServer.builder().jvmMetrics(false).start();
    ServiceHost host =
        new ServiceHost(
            ops,
            ServiceContext.of(
                configuration, KafkaSettings.load(configuration), serdes, ops.meterRegistry()));
    closeables.add(ops);
    closeables.add(host);
    host.start(ServiceFactory.named(ReplyDispatcher.NAME).orElseThrow());

    // When a reply is delivered
    send(topics.replies(), "c-14", reply("c-14", "m-14", "wecom"));
    awaitDelivered("m-14:wecom");

    // Then /health is UP with the dispatcher's check and /metrics has the dispatcher's meters
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(ops.uri().resolve("/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("reply-dispatcher.dispatcher").contains("\"UP\"");
    String metrics =
        http.send(
                HttpRequest.newBuilder(ops.uri().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .contains(
            "streamdesk_dispatcher_deliveries_total{channel=\"wecom\",kind=\"reply\","
                + "outcome=\"delivered\"} 1.0")
        .contains("streamdesk_dispatcher_attempts_total")
        .contains("streamdesk_dispatcher_delivery_latency_seconds_bucket")
        .contains("streamdesk_dispatcher_pending_records")
        .contains(
            "streamdesk_stage_messages_total{outcome=\"delivered\",service=\"reply-dispatcher\","
                + "stage=\"delivery\"} 1.0")
        .contains("streamdesk_stage_latency_seconds_bucket{service=\"reply-dispatcher\"")
        .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{application=")
        .containsPattern("kafka_producer_record_send_total\\{application=");
  }

  // ---- fixture -------------------------------------------------------------------------------

  /** A started dispatcher and the meters it reports to. */
  private record Running(StreamDeskService service, SimpleMeterRegistry meters)
      implements AutoCloseable {
    @Override
    public void close() {
      service.close();
    }
  }

  private KafkaSettings kafkaSettings() {
    return KafkaSettings.of(kafka.bootstrapServers(), "mock://" + REGISTRY_SCOPE)
        .withTopics(new TopicSettings(prefix, partitions, (short) 1));
  }

  /** Settings every test starts from: this test's topics, from the beginning, fast retries. */
  private Map<String, Object> baseConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    config.put("schema.registry.url", "mock://" + REGISTRY_SCOPE);
    config.put("topic.prefix", prefix);
    config.put("topic.partitions", Integer.toString(partitions));
    config.put("dispatcher.auto-offset-reset", "earliest");
    config.put("dispatcher.retry.initial-backoff", "50ms");
    config.put("dispatcher.retry.max-backoff", "200ms");
    config.put("dispatcher.shutdown-timeout", "2s");
    return config;
  }

  /** The base settings plus a webhook for {@code channel} on {@code receiver}. */
  private Map<String, Object> channel(
      String channel, WebhookReceiver receiver, Map<String, String> extra) {
    Map<String, Object> config = baseConfig();
    config.put("dispatcher.channel." + channel + ".url", receiver.url("/" + channel).toString());
    config.put("dispatcher.channel." + channel + ".secret", CHANNEL_SECRET);
    extra.forEach((k, v) -> config.put("dispatcher.channel." + channel + "." + k, v));
    return config;
  }

  /** Starts the service the way ./cs service does: through its factory. */
  private Running start(Map<String, Object> config) {
    ServiceFactory factory = ServiceFactory.named(ReplyDispatcher.NAME).orElseThrow();
    Configuration configuration = Configuration.of(config);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    StreamDeskService service =
        factory.create(
            ServiceContext.of(configuration, KafkaSettings.load(configuration), serdes, meters));
    service.start();
    Running running = new Running(service, meters);
    closeables.add(running);
    return running;
  }

  private WebhookReceiver receiver(String secret, WebhookReceiver.Responder responder) {
    WebhookReceiver receiver = new WebhookReceiver(secret, responder);
    closeables.add(receiver);
    return receiver;
  }

  private static ReplyGenerated reply(String conversationId, String messageId, String channel) {
    return Events.replyGenerated()
        .setReplyId("r-" + messageId)
        .setConversationId(conversationId)
        .setInReplyTo(messageId)
        .setChannel(channel)
        .setText("Answer to " + messageId)
        .build();
  }

  /** Produces a value and returns its serialized bytes. */
  private <V> byte[] send(Topic<String, V> topic, String key, V value) {
    byte[] bytes = serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
    try {
      producer
          .send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), bytes))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("could not produce to " + topic.name(), e);
    }
    return bytes;
  }

  private List<SpecificRecord> outcomesFor(String deliveryId) {
    return deliveries.values().stream()
        .filter(
            r ->
                (r instanceof ReplyDelivered d && d.getDeliveryId().equals(deliveryId))
                    || (r instanceof DeliveryFailed f && f.getDeliveryId().equals(deliveryId)))
        .toList();
  }

  private ReplyDelivered awaitDelivered(String deliveryId) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                outcomesFor(deliveryId).stream()
                    .filter(ReplyDelivered.class::isInstance)
                    .map(ReplyDelivered.class::cast)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private DeliveryFailed awaitFailed(String deliveryId) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                outcomesFor(deliveryId).stream()
                    .filter(DeliveryFailed.class::isInstance)
                    .map(DeliveryFailed.class::cast)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private List<ProcessingFailed> awaitDeadLetters(int count) {
    return await().atMost(WAIT).until(dlq::values, values -> values.size() >= count);
  }

  private static double count(Running running, String name, String tag, String value) {
    return running.meters().find(name).tag(tag, value).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
