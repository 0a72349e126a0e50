package io.streamdesk.generation.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.generation.guard.GuardSettings;
import io.streamdesk.generation.guard.OutputGuard;
import io.streamdesk.generation.llm.extractive.ExtractiveAnswerer;
import io.streamdesk.generation.llm.extractive.ExtractiveReplyGenerator;
import io.streamdesk.generation.llm.extractive.ExtractiveSettings;
import io.streamdesk.generation.testing.Kb;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.ReplyChunk;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly one reply per request across a worker kill: one worker runs in its own process, a second
 * in this JVM, both in one group; the process is killed with SIGKILL while it generates, the second
 * worker takes its partitions over after the session timeout, and a read_committed reader sees
 * exactly one ReplyGenerated per request.
 */
class WorkerTakeoverIT {

  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 3;
  private static final Duration PER_WORD = Duration.ofMillis(150);

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka =
      EmbeddedKafkaExtension.withTopics(new TopicSettings("", PARTITIONS, (short) 1));

  private static final String SCOPE = "takeover-it-" + UUID.randomUUID();
  private static AvroTopicSerdes serdes;
  private static Topics topics;
  private static Broker broker;

  @BeforeAll
  static void connect() {
    serdes = AvroTopicSerdes.create(settings().registryConfig());
    topics = kafka.topics();
    // Before anything else, so this JVM and the worker process agree on schema ids.
    Broker.registerCatalogue(serdes.registry(), topics);
    broker = new Broker(kafka.bootstrapServers());
  }

  @AfterAll
  static void dropRegistry() {
    serdes.close();
    InMemorySchemaRegistry.drop(SCOPE);
  }

  @Test
  void shouldWriteExactlyOneReplyPerRequestWhenAWorkerIsKilledMidGeneration() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String group = "takeover-" + run;
    Process doomed = startWorkerProcess(group, "doomed-" + run);
    GenerationWorker survivor = null;
    try (KafkaConsumer<String, ReplyChunk> chunkReader =
            broker.consumer(
                serdes.valueSerde(topics.replyChunks()).deserializer(), "read_uncommitted");
        Admin admin = kafka.broker().admin()) {
      List<TopicPartition> chunkPartitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        chunkPartitions.add(new TopicPartition(topics.replyChunks().name(), p));
      }
      chunkReader.assign(chunkPartitions);
      chunkReader.seekToEnd(chunkPartitions);
      Map<String, List<ReplyChunk>> chunks = new HashMap<>();

      // Given a worker process that owns every partition and twelve requests, three per partition
      awaitMembers(admin, group, 1);
      List<GenerateReply> requests = requests(run);
      requests.forEach(this::send);
      Map<String, Integer> partitionOf = new HashMap<>();
      requests.forEach(
          r ->
              partitionOf.put(
                  r.getMessageId(), Broker.partitionOf(r.getConversationId(), PARTITIONS)));

      // and, once it streams, a second worker in the same group
      await().atMost(Duration.ofSeconds(60)).until(() -> read(chunkReader, chunks) > 0);
      survivor = startSurvivor(group, run);
      awaitMembers(admin, group, 2);

      // When the process is killed while it generates
      Set<Integer> doomedPartitions = requestPartitionsOf(admin, group, "doomed-" + run);
      read(chunkReader, chunks);
      Set<String> streamedBeforeKill = Set.copyOf(chunks.keySet());
      doomed.destroyForcibly();
      assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Instant killed = Instant.now();
      // The survivor cannot touch the dead process's partitions before its session times out, so
      // what is committed now there was committed by the process itself.
      Set<String> committedByDoomed = committedReplies(run);
      Set<String> midGeneration =
          streamedBeforeKill.stream()
              .filter(id -> doomedPartitions.contains(partitionOf.get(id)))
              .filter(id -> !committedByDoomed.contains(id))
              .collect(Collectors.toSet());
      assertThat(midGeneration)
          .as("the process must be generating on its partitions %s when killed", doomedPartitions)
          .isNotEmpty();

      // Then every request gets its reply
      broker.awaitCommitted(
          topics.replies(),
          serdes.valueSerde(topics.replies()).deserializer(),
          r -> r.getInReplyTo().startsWith(run),
          requests.size(),
          Duration.ofSeconds(120));
      survivor.close();

      // exactly one per request, as a read_committed reader sees them
      Map<String, Long> repliesPerRequest =
          broker
              .readAll(
                  topics.replies(),
                  serdes.valueSerde(topics.replies()).deserializer(),
                  "read_committed")
              .stream()
              .map(ConsumerRecord::value)
              .filter(r -> r.getInReplyTo().startsWith(run))
              .collect(Collectors.groupingBy(ReplyGenerated::getInReplyTo, Collectors.counting()));
      assertThat(repliesPerRequest.keySet())
          .containsExactlyInAnyOrderElementsOf(
              requests.stream().map(GenerateReply::getMessageId).toList());
      assertThat(repliesPerRequest.values()).allMatch(count -> count == 1);

      // and what the killed process was generating was generated again, from seq 0, by the survivor
      read(chunkReader, chunks);
      assertThat(midGeneration)
          .anySatisfy(
              id ->
                  assertThat(chunks.get(id))
                      .anyMatch(c -> c.getSeq() == 0 && c.getAt().isAfter(killed)));
    } finally {
      doomed.destroyForcibly();
      if (survivor != null) {
        survivor.close();
      }
    }
  }

  private static List<GenerateReply> requests(String run) {
    List<GenerateReply> out = new ArrayList<>();
    Map<Integer, Integer> perPartition = new HashMap<>();
    for (int i = 0; out.size() < PARTITIONS * PER_PARTITION; i++) {
      String conversation = "c-" + run + "-" + i;
      int partition = Broker.partitionOf(conversation, PARTITIONS);
      if (perPartition.merge(partition, 1, Integer::sum) > PER_PARTITION) {
        continue;
      }
      out.add(
          Kb.englishReturnsQuestion()
              .setConversationId(conversation)
              .setMessageId(run + "-m" + i)
              .setDeadline(Instant.now().plus(Duration.ofMinutes(5)))
              .build());
    }
    return out;
  }

  private Process startWorkerProcess(String group, String instance) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    File log = new File("target/failsafe-reports/" + instance + ".log");
    log.getParentFile().mkdirs();
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Dfile.encoding=UTF-8",
                "-cp",
                System.getProperty("java.class.path"),
                WorkerProcess.class.getName(),
                kafka.bootstrapServers(),
                SCOPE,
                Integer.toString(PARTITIONS),
                group,
                instance,
                Long.toString(PER_WORD.toMillis()))
            .redirectError(log)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("worker process output (log: %s)", log).isEqualTo("RUNNING");
    return process;
  }

  private GenerationWorker startSurvivor(String group, String run) {
    GenerationWorker worker =
        GenerationWorker.builder()
            .kafka(settings())
            .serdes(serdes)
            .settings(
                WorkerSettings.defaults()
                    .withGroupId(group)
                    .withInstanceId("survivor-" + run)
                    .withMaxInFlight(4))
            .generator(new SlowGenerator(PER_WORD, 40))
            .extractive(
                new ExtractiveReplyGenerator(new ExtractiveAnswerer(ExtractiveSettings.defaults())))
            .guard(new OutputGuard(GuardSettings.defaults()))
            .meterRegistry(new SimpleMeterRegistry())
            .build();
    worker.start();
    return worker;
  }

  private static void awaitMembers(Admin admin, String group, int members) {
    await()
        .atMost(Duration.ofSeconds(60))
        // The group does not exist until its first member joins.
        .ignoreExceptionsInstanceOf(java.util.concurrent.ExecutionException.class)
        .until(
            () -> {
              ConsumerGroupDescription description = describe(admin, group);
              return description.members().size() == members
                  && description.members().stream()
                      .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
  }

  private static Set<Integer> requestPartitionsOf(Admin admin, String group, String instance)
      throws Exception {
    Set<Integer> out = new HashSet<>();
    for (MemberDescription member : describe(admin, group).members()) {
      if (member.clientId().contains(instance)) {
        for (TopicPartition tp : member.assignment().topicPartitions()) {
          if (tp.topic().equals(topics.generationRequests().name())) {
            out.add(tp.partition());
          }
        }
      }
    }
    return out;
  }

  private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
    return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
  }

  /** Reads every chunk written so far; returns how many messages have chunks. */
  private static int read(
      KafkaConsumer<String, ReplyChunk> reader, Map<String, List<ReplyChunk>> into) {
    Map<TopicPartition, Long> end = reader.endOffsets(reader.assignment());
    while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
      for (ConsumerRecord<String, ReplyChunk> r : reader.poll(Duration.ofMillis(100))) {
        into.computeIfAbsent(r.value().getMessageId(), k -> new ArrayList<>()).add(r.value());
      }
    }
    return into.size();
  }

  private Set<String> committedReplies(String run) {
    return broker
        .readAll(
            topics.replies(), serdes.valueSerde(topics.replies()).deserializer(), "read_committed")
        .stream()
        .map(r -> r.value().getInReplyTo())
        .filter(id -> id.startsWith(run))
        .collect(Collectors.toSet());
  }

  private void send(GenerateReply request) {
    broker.send(
        topics.generationRequests(),
        serdes.valueSerde(topics.generationRequests()).serializer(),
        request.getConversationId(),
        request);
  }

  private static KafkaSettings settings() {
    return KafkaSettings.of(kafka.bootstrapServers(), "mock://" + SCOPE)
        .withTopics(kafka.topics().settings());
  }
}
