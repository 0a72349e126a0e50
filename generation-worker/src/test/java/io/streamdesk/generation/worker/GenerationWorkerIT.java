package io.streamdesk.generation.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.generation.guard.GuardSettings;
import io.streamdesk.generation.guard.OutputGuard;
import io.streamdesk.generation.llm.GenerationException;
import io.streamdesk.generation.llm.extractive.ExtractiveAnswerer;
import io.streamdesk.generation.llm.extractive.ExtractiveReplyGenerator;
import io.streamdesk.generation.llm.extractive.ExtractiveSettings;
import io.streamdesk.generation.reply.ReplyGenerator;
import io.streamdesk.generation.testing.Kb;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.ops.OpsServer;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.ServiceHost;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyChunk;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.testkit.DlqAssert;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The worker on a real broker: replies, chunks, deadlines, poison records, retries. */
class GenerationWorkerIT {

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka =
      EmbeddedKafkaExtension.withTopics(new TopicSettings("", 2, (short) 1));

  private static final String SCOPE = "worker-it-" + UUID.randomUUID();
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static AvroTopicSerdes serdes;
  private static Broker broker;
  private final List<GenerationWorker> workers = new ArrayList<>();
  private Topics topics;

  @BeforeAll
  static void connect() {
    serdes = AvroTopicSerdes.create(settings(kafka.topics().settings()).registryConfig());
    broker = new Broker(kafka.bootstrapServers());
  }

  /** Each test gets its own topics (a prefix), so a new group's earliest offset is its own. */
  @BeforeEach
  void ownTopics() {
    topics =
        Topics.of(
            new TopicSettings(
                "t" + UUID.randomUUID().toString().substring(0, 8) + ".", 2, (short) 1));
    kafka.broker().createTopics(topics);
  }

  @AfterAll
  static void dropRegistry() {
    serdes.close();
    InMemorySchemaRegistry.drop(SCOPE);
  }

  @AfterEach
  void stopWorkers() {
    workers.forEach(GenerationWorker::close);
  }

  @Test
  void shouldWriteExactlyOneReplyPerRequestAndStreamChunksThatMakeItUp() {
    // Given an extractive worker and six requests in two languages over several conversations
    String run = UUID.randomUUID().toString();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    GenerationWorker worker = start(extractive(), WorkerSettings.defaults(), meters);
    List<GenerateReply> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      GenerateReply.Builder b =
          i % 2 == 0 ? Kb.englishReturnsQuestion() : Kb.chineseWarrantyQuestion();
      requests.add(b.setConversationId("c-" + i + "-" + run).setMessageId(run + "-m" + i).build());
    }

    // When they arrive
    requests.forEach(this::send);

    // Then one reply each is committed, answered from the passages
    awaitReplies(run, 6);
    worker.close();
    Map<String, List<ReplyGenerated>> replies = repliesOf(run);
    assertThat(replies).hasSize(6).allSatisfy((id, list) -> assertThat(list).hasSize(1));
    assertThat(replies.get(run + "-m0").getFirst().getText()).contains("30 days");
    assertThat(replies.get(run + "-m1").getFirst().getText()).contains("一年免费保修");
    assertThat(replies.values())
        .allSatisfy(
            list -> {
              ReplyGenerated reply = list.getFirst();
              assertThat(reply.getAction()).isEqualTo(ReplyAction.ANSWER);
              assertThat(reply.getCitations()).isNotEmpty();
              assertThat(reply.getModel()).isEqualTo("extractive");
            });

    // and each reply's chunks, in seq order, concatenate to its text and end with a final one
    Map<String, List<ReplyChunk>> chunks = chunksOf(run);
    replies.forEach(
        (id, list) -> {
          List<ReplyChunk> mine = chunks.get(id);
          assertThat(mine).extracting(ReplyChunk::getSeq).isSorted();
          assertThat(mine.getLast().getFinal$()).isTrue();
          assertThat(text(mine)).isEqualTo(list.getFirst().getText());
        });
    assertThat(meters.get("generation.replies").tag("action", "ANSWER").counter().count())
        .isEqualTo(6);
    // and the pipeline's shared meters count them too
    assertThat(meters.get("streamdesk.replies").tag("action", "ANSWER").counter().count())
        .isEqualTo(6);
    assertThat(
            meters
                .get("streamdesk.stage.messages")
                .tags("stage", "generation", "outcome", "reply")
                .counter()
                .count())
        .isEqualTo(6);
    assertThat(meters.get("streamdesk.stage.latency").tag("stage", "queue").timer().count())
        .isEqualTo(6);
  }

  @Test
  void shouldAnswerARequestPastItsDeadlineWithoutGenerating() {
    // Given a worker whose model would fail if it were asked
    String run = UUID.randomUUID().toString();
    ScriptedGenerator model = new ScriptedGenerator();
    start(model, WorkerSettings.defaults(), new SimpleMeterRegistry());

    // When a request arrives after its deadline
    send(
        Kb.englishReturnsQuestion()
            .setConversationId("c-late-" + run)
            .setMessageId(run + "-late")
            .setDeadline(Instant.now().minusSeconds(5))
            .build());

    // Then it gets the FALLBACK reply from its passages and the model is never called
    ReplyGenerated reply = awaitReplies(run, 1).getFirst();
    assertThat(reply.getAction()).isEqualTo(ReplyAction.FALLBACK);
    assertThat(reply.getText()).contains("30 days");
    assertThat(model.calls).isEmpty();
  }

  @Test
  void shouldParkAPoisonRecordInTheDlqAndProcessTheNextOne() {
    // Given a worker
    String run = UUID.randomUUID().toString();
    start(extractive(), WorkerSettings.defaults(), new SimpleMeterRegistry());
    String conversation = "c-poison-" + run;

    // When a record that is not Avro and then a good request arrive on the same partition
    byte[] garbage = ("not avro " + run).getBytes(StandardCharsets.UTF_8);
    broker.sendRaw(topics.generationRequests().name(), conversation, garbage);
    send(
        Kb.englishReturnsQuestion()
            .setConversationId(conversation)
            .setMessageId(run + "-ok")
            .build());

    // Then the good one is answered and the poison record is in the DLQ with its raw bytes
    awaitReplies(run, 1);
    List<ProcessingFailed> deadLetters =
        broker
            .awaitCommitted(
                topics.dlq(),
                serdes.valueSerde(topics.dlq()).deserializer(),
                f -> conversation.equals(f.getConversationId()),
                1,
                PATIENCE)
            .stream()
            .map(ConsumerRecord::value)
            .toList();
    DlqAssert.assertThat(deadLetters)
        .hasSize(1)
        .hasFailure(GenerationWorker.STAGE, FailureKind.DESERIALIZATION)
        .containsRawValue(garbage);
    assertThat(deadLetters.getFirst().getSourceTopic())
        .isEqualTo(topics.generationRequests().name());
  }

  @Test
  void shouldRetryAFailedGenerationThroughTheRetryTopicAndReplyOnce() {
    // Given a model that fails once, then answers, and a short retry delay
    String run = UUID.randomUUID().toString();
    ScriptedGenerator model =
        new ScriptedGenerator()
            .fail(new GenerationException.OverloadedException(run, 256))
            .answer("You can return any item within 30 days of delivery for a full refund [1].");
    start(
        model,
        WorkerSettings.defaults()
            .withRetry(3, Duration.ofMillis(300), WorkerSettings.ExhaustedAction.FALLBACK),
        new SimpleMeterRegistry());

    // When a request arrives
    send(
        Kb.englishReturnsQuestion()
            .setConversationId("c-retry-" + run)
            .setMessageId(run + "-r")
            .build());

    // Then the retry topic carries it once as attempt 1, and exactly one ANSWER is committed
    ReplyGenerated reply = awaitReplies(run, 1).getFirst();
    assertThat(reply.getAction()).isEqualTo(ReplyAction.ANSWER);
    assertThat(reply.getText()).startsWith("You can return any item within 30 days");
    List<GenerateReply> retries =
        broker
            .readAll(
                topics.generationRetry(),
                serdes.valueSerde(topics.generationRetry()).deserializer(),
                "read_committed")
            .stream()
            .map(ConsumerRecord::value)
            .filter(r -> r.getMessageId().startsWith(run))
            .toList();
    assertThat(retries).singleElement().satisfies(r -> assertThat(r.getAttempt()).isEqualTo(1));
    workers.getLast().close();
    assertThat(repliesOf(run).get(run + "-r")).hasSize(1);
  }

  @Test
  void shouldFinishAnInFlightGenerationWhenStoppedInDrainMode() {
    // Given a slow model generating a reply
    String run = UUID.randomUUID().toString();
    GenerationWorker worker =
        start(
            new SlowGenerator(Duration.ofMillis(50), 30),
            WorkerSettings.defaults()
                .withShutdown(WorkerSettings.ShutdownMode.DRAIN, Duration.ofSeconds(30)),
            new SimpleMeterRegistry());
    send(
        Kb.englishReturnsQuestion()
            .setConversationId("c-d-" + run)
            .setMessageId(run + "-d")
            .build());
    await().atMost(PATIENCE).until(() -> worker.inFlight() > 0);

    // When it is stopped
    worker.close();

    // Then the reply was finished and committed before it stopped
    assertThat(worker.state()).isEqualTo(GenerationWorker.State.STOPPED);
    assertThat(repliesOf(run).get(run + "-d")).hasSize(1);
  }

  @Test
  void shouldLeaveAnAbortedGenerationToTheNextWorkerOfTheGroup() {
    // Given a worker in abort mode generating a reply
    String run = UUID.randomUUID().toString();
    String group = "it-abort-" + run;
    WorkerSettings abort =
        WorkerSettings.defaults()
            .withGroupId(group)
            .withShutdown(WorkerSettings.ShutdownMode.ABORT, Duration.ofSeconds(30));
    GenerationWorker first = startInGroup(new SlowGenerator(Duration.ofMillis(50), 30), abort);
    send(
        Kb.englishReturnsQuestion()
            .setConversationId("c-a-" + run)
            .setMessageId(run + "-a")
            .build());
    await().atMost(PATIENCE).until(() -> first.inFlight() > 0);

    // When it is stopped mid-generation, nothing is committed
    first.close();
    assertThat(repliesOf(run)).isEmpty();

    // Then the next worker of the group redoes the request: one reply in all
    startInGroup(new SlowGenerator(Duration.ofMillis(10), 30), abort);
    awaitReplies(run, 1);
    workers.getLast().close();
    assertThat(repliesOf(run).get(run + "-a")).hasSize(1);
  }

  @Test
  void shouldRunAsAServiceFromConfigurationWithHealthAndMetrics() throws Exception {
    // Given the service created by its factory from configuration, hosted with an ops endpoint
    String run = UUID.randomUUID().toString();
    KafkaSettings kafkaSettings = settings(topics.settings());
    Configuration configuration =
        Configuration.of(
            Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "schema.registry.url", "mock://" + SCOPE,
                "generation.group-id", "it-service-" + run));
    try (OpsServer ops = OpsServer.start(0);
        ServiceHost host =
            new ServiceHost(
                ops,
                ServiceContext.of(configuration, kafkaSettings, serdes, ops.meterRegistry()))) {
      host.start(ServiceFactory.named(GenerationWorker.STAGE).orElseThrow());
      await()
          .atMost(PATIENCE)
          .until(() -> ops.health().components().get("generation-worker.worker").isUp());

      // When a request arrives
      send(
          Kb.englishReturnsQuestion()
              .setConversationId("c-svc-" + run)
              .setMessageId(run + "-s")
              .build());

      // Then it is answered and the ops endpoint reports it
      awaitReplies(run, 1);
      await()
          .atMost(PATIENCE)
          .until(() -> scrape(ops.uri().resolve("/metrics")).contains("generation_replies_total"));
      assertThat(scrape(ops.uri().resolve("/metrics")))
          .contains("action=\"ANSWER\"")
          .contains("generation_latency_seconds_bucket")
          .contains("generation_in_flight")
          .contains("streamdesk_replies_total{action=\"ANSWER\",service=\"generation-worker\"}")
          .contains(
              "streamdesk_stage_latency_seconds_bucket{service=\"generation-worker\","
                  + "stage=\"generation\"")
          // consumer lag and producer meters, tagged like the Streams apps' (application)
          .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{application=")
          .containsPattern("kafka_producer_record_send_total\\{application=");
    }
  }

  @Test
  void shouldAnswerWithTheOnnxBackendChosenByConfiguration() throws Exception {
    // Given the service configured for the ONNX backend with the tiny test model
    String run = UUID.randomUUID().toString();
    Configuration configuration =
        Configuration.of(
            Map.of(
                "generation.backend",
                "onnx",
                "generation.onnx.model-dir",
                tinyLlm().toString(),
                "generation.max-new-tokens",
                "24",
                "generation.group-id",
                "it-onnx-" + run));
    try (OpsServer ops = OpsServer.start(0);
        ServiceHost host =
            new ServiceHost(
                ops,
                ServiceContext.of(
                    configuration, settings(topics.settings()), serdes, ops.meterRegistry()))) {
      host.start(ServiceFactory.named(GenerationWorker.STAGE).orElseThrow());

      // When three questions arrive
      send(
          Kb.chineseWarrantyQuestion()
              .setConversationId("c-x-" + run)
              .setMessageId(run + "-0")
              .build());
      send(
          Kb.englishReturnsQuestion()
              .setConversationId("c-y-" + run)
              .setMessageId(run + "-1")
              .build());
      send(
          Kb.chineseWarrantyQuestion()
              .setConversationId("c-z-" + run)
              .setMessageId(run + "-2")
              .build());

      // Then each gets one reply, written by the model or, where the guard found it ungrounded,
      // by the extractive fallback; its chunks make up its text either way
      awaitReplies(run, 3);
      host.close();
      Map<String, List<ReplyGenerated>> replies = repliesOf(run);
      Map<String, List<ReplyChunk>> chunks = chunksOf(run);
      assertThat(replies).hasSize(3);
      replies.forEach(
          (id, list) -> {
            ReplyGenerated reply = list.getFirst();
            assertThat(list).hasSize(1);
            assertThat(reply.getModel()).isIn("onnx:tiny-llm", "extractive", "template");
            assertThat(reply.getTimings()).containsKeys("first_token", "generation", "queue");
            assertThat(text(chunks.get(id))).isEqualTo(reply.getText());
          });
    }
  }

  private static java.nio.file.Path tinyLlm() throws Exception {
    return java.nio.file.Path.of(
            GenerationWorkerIT.class.getResource("/tiny-llm/config.json").toURI())
        .getParent();
  }

  private static String scrape(java.net.URI uri) throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(
              java.net.http.HttpRequest.newBuilder(uri).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  private GenerationWorker start(
      ReplyGenerator generator, WorkerSettings settings, SimpleMeterRegistry meters) {
    return startWith(generator, settings.withGroupId("it-" + UUID.randomUUID()), meters);
  }

  private GenerationWorker startInGroup(ReplyGenerator generator, WorkerSettings settings) {
    return startWith(generator, settings, new SimpleMeterRegistry());
  }

  private GenerationWorker startWith(
      ReplyGenerator generator, WorkerSettings settings, SimpleMeterRegistry meters) {
    GenerationWorker worker =
        GenerationWorker.builder()
            .kafka(settings(topics.settings()))
            .serdes(serdes)
            .settings(settings)
            .generator(generator)
            .extractive(extractive())
            .guard(new OutputGuard(GuardSettings.defaults()))
            .meterRegistry(meters)
            .build();
    workers.add(worker);
    worker.start();
    await().atMost(PATIENCE).until(() -> worker.healthCheck().check().isUp());
    return worker;
  }

  private static ExtractiveReplyGenerator extractive() {
    return new ExtractiveReplyGenerator(new ExtractiveAnswerer(ExtractiveSettings.defaults()));
  }

  private void send(GenerateReply request) {
    broker.send(
        topics.generationRequests(),
        serdes.valueSerde(topics.generationRequests()).serializer(),
        request.getConversationId(),
        request);
  }

  private List<ReplyGenerated> awaitReplies(String run, int count) {
    return broker
        .awaitCommitted(
            topics.replies(),
            serdes.valueSerde(topics.replies()).deserializer(),
            r -> r.getInReplyTo().startsWith(run),
            count,
            PATIENCE)
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  private Map<String, List<ReplyGenerated>> repliesOf(String run) {
    return broker
        .readAll(
            topics.replies(), serdes.valueSerde(topics.replies()).deserializer(), "read_committed")
        .stream()
        .map(ConsumerRecord::value)
        .filter(r -> r.getInReplyTo().startsWith(run))
        .collect(Collectors.groupingBy(ReplyGenerated::getInReplyTo));
  }

  private Map<String, List<ReplyChunk>> chunksOf(String run) {
    return broker
        .readAll(
            topics.replyChunks(),
            serdes.valueSerde(topics.replyChunks()).deserializer(),
            "read_uncommitted")
        .stream()
        .map(ConsumerRecord::value)
        .filter(c -> c.getMessageId().startsWith(run))
        .collect(Collectors.groupingBy(ReplyChunk::getMessageId));
  }

  /** The text a UI shows: the chunks since the last seq 0, concatenated. */
  static String text(List<ReplyChunk> chunks) {
    int start = 0;
    for (int i = 0; i < chunks.size(); i++) {
      if (chunks.get(i).getSeq() == 0) {
        start = i;
      }
    }
    return chunks.subList(start, chunks.size()).stream()
        .map(ReplyChunk::getDelta)
        .collect(Collectors.joining());
  }

  private static KafkaSettings settings(TopicSettings topicSettings) {
    return KafkaSettings.of(kafka.bootstrapServers(), "mock://" + SCOPE).withTopics(topicSettings);
  }
}
