package io.streamdesk.stack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdesk.ingest.IngestConnectorService;
import io.streamdesk.ingest.auth.ApiKeyEntry;
import io.streamdesk.ingest.auth.ApiKeys;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.stack.ScriptedConversation.Expectation;
import io.streamdesk.stack.ScriptedConversation.Turn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline end to end: one in-process local stack (embedded KRaft broker, every service,
 * the sample knowledge base, the extractive generator), driven as a channel drives it, through the
 * ingest connector's HTTP API ({@code POST /v1/messages}, replies and handoffs from the
 * conversation's Server-Sent Events).
 *
 * <p>The 20 scripted conversations of {@code e2e/conversations.jsonl} (10 Chinese, 10 English, 3
 * turns each) run concurrently, each turn after the previous turn's reply. Then a poison record
 * goes to cs.messages.inbound, and the audit checks the architecture's guarantee over the topics:
 * every inbound message ended in exactly one reply, handoff or dead letter, and every service's
 * consumer group has read everything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndIT {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStackEndToEndIT.class);

  /** Generous for a loaded 2-core machine; a healthy stack answers in well under a second. */
  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);

  /** How long a handoff may trail its message's reply on the event stream. */
  private static final Duration HANDOFF_GRACE = Duration.ofSeconds(5);

  /** The consumer groups of the services that consume a conversation topic. */
  private static final Set<String> SERVICE_GROUPS =
      Set.of("intent-stream", "retrieval-stream", "generation-worker", "reply-dispatcher");

  @TempDir static Path data;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SENT = ConcurrentHashMap.newKeySet();
  private static LocalStack stack;
  private static StreamDeskHttpClient api;
  private static PipelineAudit audit;
  private static Topics topics;
  private static ExecutorService customers;

  @BeforeAll
  static void startStack() {
    String apiKey = ApiKeys.generate();
    stack =
        new LocalStack(
                new LocalStackOptions(
                    data,
                    0,
                    0,
                    0,
                    "extractive",
                    null,
                    List.of(),
                    3,
                    Map.of("ingest.api-keys", ApiKeyEntry.of("e2e", apiKey).format())))
            .start();
    URI base =
        stack.services().stream()
            .filter(IngestConnectorService.class::isInstance)
            .map(s -> ((IngestConnectorService) s).baseUri())
            .findFirst()
            .orElseThrow();
    api = new StreamDeskHttpClient(base, apiKey, JSON);
    topics = stack.kafka().topics();
    audit = new PipelineAudit(stack.kafka().clientProperties(), topics, stack.serdes());
    // four customers typing at once: enough to interleave conversations on a 2-core machine
    customers = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stopStack() {
    if (customers != null) {
      customers.shutdownNow();
    }
    if (api != null) {
      api.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @TestFactory
  @Order(1)
  Stream<DynamicTest> shouldAnswerEveryScriptedTurnAsExpectedThroughTheHttpApi() {
    // Given the scripted conversations
    List<ScriptedConversation> script = ScriptedConversation.load(JSON);
    assertThat(script).hasSize(20).allSatisfy(c -> assertThat(c.turns()).hasSize(3));

    // When each is played by its own customer through the HTTP API, several at once
    Map<String, Future<List<TurnResult>>> played = new ConcurrentHashMap<>();
    script.forEach(c -> played.put(c.id(), customers.submit(() -> play(c))));

    // Then each conversation's replies meet its turns' expectations
    return script.stream()
        .map(c -> dynamicTest(c.id(), () -> assertTranscript(c, played.get(c.id()).get())));
  }

  @Test
  @Order(2)
  void shouldDeadLetterAPoisonRecordOnTheInboundTopicWithItsReason() throws Exception {
    // Given bytes that are not Confluent-framed Avro
    byte[] poison = "{\"text\": \"not avro\"}".getBytes(StandardCharsets.UTF_8);
    String conversationId = "e2e-poison-" + UUID.randomUUID();

    // When they are produced to the inbound topic, as a broken omnichannel producer would
    RecordMetadata written;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      written =
          producer
              .send(
                  new ProducerRecord<>(
                      topics.messagesInbound().name(),
                      conversationId.getBytes(StandardCharsets.UTF_8),
                      poison))
              .get();
    }

    // Then a dead letter names where it was read, why it failed, and keeps its bytes
    AtomicReference<ProcessingFailed> deadLetter = new AtomicReference<>();
    await()
        .atMost(TURN_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              audit.deadLetters().stream()
                  .filter(f -> topics.messagesInbound().name().equals(f.getSourceTopic()))
                  .filter(f -> Integer.valueOf(written.partition()).equals(f.getSourcePartition()))
                  .filter(f -> Long.valueOf(written.offset()).equals(f.getSourceOffset()))
                  .findFirst()
                  .ifPresent(deadLetter::set);
              return deadLetter.get() != null;
            });
    ProcessingFailed failed = deadLetter.get();
    LOG.info(
        "poison record dead-lettered by {} ({}): {}: {}",
        failed.getStage(),
        failed.getKind(),
        failed.getExceptionClass(),
        failed.getExceptionMessage());
    assertThat(failed.getStage()).isEqualTo("intent-stream");
    assertThat(failed.getKind()).isEqualTo(FailureKind.DESERIALIZATION);
    assertThat(failed.getExceptionClass()).isNotBlank();
    assertThat(failed.getExceptionMessage()).isNotBlank();
    assertThat(failed.getRawValue().array()).isEqualTo(poison);
    assertThat(failed.getConversationId()).isIn(null, conversationId);
  }

  @Test
  @Order(3)
  void shouldEndEveryInboundMessageInExactlyOneOutcomeAndLeaveNoConsumerLag() {
    // Given the conversations and the poison record above
    assertThat(SENT).as("messages accepted by the HTTP API").hasSize(60);

    // Then once the pipeline settled, every inbound record has exactly one outcome
    long started = System.nanoTime();
    await()
        .atMost(TURN_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Map<String, PipelineAudit.Outcome> outcomes = audit.outcomes();
              assertThat(outcomes.keySet()).containsAll(SENT);
              // 60 messages through the API and the poison record, known by its position
              assertThat(outcomes).hasSize(61);
              assertThat(outcomes)
                  .allSatisfy(
                      (id, outcome) ->
                          assertThat(outcome.isExactlyOne()).as(id + ": " + outcome).isTrue());
            });
    LOG.info(
        "one outcome per message after {} ms",
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    // and every service's consumer group has committed up to the end of what it reads
    started = System.nanoTime();
    AtomicReference<Map<String, Map<TopicPartition, Long>>> lag = new AtomicReference<>();
    await()
        .atMost(TURN_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              lag.set(audit.consumerLag());
              assertThat(lag.get().keySet()).containsAll(SERVICE_GROUPS);
              assertThat(lag.get())
                  .allSatisfy(
                      (group, partitions) ->
                          assertThat(partitions.values())
                              .as(group + " lag " + partitions)
                              .allMatch(l -> l == 0));
            });
    LOG.info(
        "consumer groups at zero lag after {} ms: {}",
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        lag.get());
  }

  /**
   * What one turn produced.
   *
   * @param turn the scripted turn
   * @param messageId the id the connector gave the message
   * @param reply the {@code reply} event answering it
   * @param handoff the {@code handoff} event for it, if any arrived
   */
  record TurnResult(Turn turn, String messageId, JsonNode reply, Optional<JsonNode> handoff) {}

  /** Plays one conversation turn by turn: send, wait for the reply (and handoff), next. */
  private static List<TurnResult> play(ScriptedConversation conversation) throws Exception {
    String conversationId = "e2e-" + conversation.id() + "-" + UUID.randomUUID();
    List<TurnResult> results = new ArrayList<>();
    try (ConversationEventStream events = api.events(conversationId)) {
      for (Turn turn : conversation.turns()) {
        String messageId = api.send(conversationId, turn.text(), conversation.locale());
        SENT.add(messageId);
        await()
            .alias(conversation.id() + " reply to '" + turn.text() + "'")
            .atMost(TURN_TIMEOUT)
            .pollInterval(Duration.ofMillis(20))
            .until(() -> events.reply(messageId).isPresent());
        JsonNode reply = events.reply(messageId).orElseThrow();
        if ("HANDOFF".equals(turn.expect().action())
            || "HANDOFF".equals(reply.path("action").asText())) {
          awaitHandoff(events, messageId);
        }
        results.add(new TurnResult(turn, messageId, reply, events.handoff(messageId)));
        LOG.info(
            "{} turn {}: '{}' -> {} intent={} ({}) cites={} handoff={} text='{}'",
            conversation.id(),
            results.size(),
            turn.text(),
            reply.path("action").asText(),
            reply.path("intent").asText(),
            reply.path("confidence").asText(),
            citedPassages(reply),
            events.handoff(messageId).map(h -> h.path("reason").asText()).orElse("-"),
            reply.path("text").asText());
      }
      assertThat(events.repeats()).as("events delivered twice").isZero();
    }
    return results;
  }

  /**
   * Waits for the handoff event of a message that was (or should have been) handed off. The intent
   * stream commits a HandoffRequested before its reply can even be generated, and the retrieval
   * stream commits its own with the reply, so a short grace after the reply is plenty; absence is
   * left for the assertions to report, with the reply the product gave.
   */
  private static void awaitHandoff(ConversationEventStream events, String messageId) {
    try {
      await()
          .atMost(HANDOFF_GRACE)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> events.handoff(messageId).isPresent());
    } catch (ConditionTimeoutException absent) {
      LOG.warn("no handoff event for message {}", messageId);
    }
  }

  private static void assertTranscript(ScriptedConversation conversation, List<TurnResult> played) {
    SoftAssertions softly = new SoftAssertions();
    for (int i = 0; i < played.size(); i++) {
      TurnResult result = played.get(i);
      Expectation expect = result.turn().expect();
      JsonNode reply = result.reply();
      String turn =
          "%s turn %d%s '%s' (answered %s intent=%s cites=%s: '%s')"
              .formatted(
                  conversation.id(),
                  i + 1,
                  result.turn().followUp() ? " (follow-up)" : "",
                  result.turn().text(),
                  reply.path("action").asText(),
                  reply.path("intent").asText(),
                  citedPassages(reply),
                  reply.path("text").asText());
      softly
          .assertThat(reply.path("action").asText())
          .as(turn + " action")
          .isEqualTo(expect.action());
      boolean knownMiss = KNOWN_RETRIEVAL_MISSES.contains(conversation.id() + " " + (i + 1));
      expect
          .faq()
          .ifPresent(
              faq -> {
                if (knownMiss) {
                  // a listed miss must still cite something, and leaves the list once it is fixed
                  softly
                      .assertThat(citedPassages(reply))
                      .as(turn + " cites a passage")
                      .isNotEmpty();
                  softly
                      .assertThat(citedPassages(reply))
                      .as(turn + " now cites " + faq + ": remove it from " + KNOWN_MISSES_FILE)
                      .noneMatch(passage -> passage.endsWith("#" + faq));
                } else {
                  softly
                      .assertThat(citedPassages(reply))
                      .as(turn + " cites " + faq)
                      .anyMatch(passage -> passage.endsWith("#" + faq));
                }
              });
      expect
          .intent()
          .ifPresent(
              intent ->
                  softly
                      .assertThat(reply.path("intent").asText())
                      .as(turn + " intent")
                      .isEqualTo(intent));
      expect
          .reason()
          .ifPresent(
              reason ->
                  softly
                      .assertThat(result.handoff().map(h -> h.path("reason").asText()))
                      .as(turn + " HandoffRequested reason")
                      .contains(reason));
      if (!"HANDOFF".equals(expect.action())) {
        softly.assertThat(result.handoff()).as(turn + " handoff").isEmpty();
      }
    }
    softly.assertAll();
  }

  /** Known retrieval misses: "conversationId turn" (1-based), see the file's header. */
  private static final String KNOWN_MISSES_FILE = "/e2e/known-retrieval-misses.txt";

  private static final Set<String> KNOWN_RETRIEVAL_MISSES = loadKnownMisses();

  private static Set<String> loadKnownMisses() {
    try (InputStream in = LocalStackEndToEndIT.class.getResourceAsStream(KNOWN_MISSES_FILE)) {
      return new String(Objects.requireNonNull(in, KNOWN_MISSES_FILE).readAllBytes(), UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> String.join(" ", Arrays.asList(line.split("\\s+")).subList(0, 2)))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Passage ids of a reply's citations, e.g. {@code sample-kb/zh/faq.csv#zh-faq-035}. */
  private static List<String> citedPassages(JsonNode reply) {
    return StreamSupport.stream(reply.path("citations").spliterator(), false)
        .map(c -> c.path("passageId").asText())
        .toList();
  }
}
