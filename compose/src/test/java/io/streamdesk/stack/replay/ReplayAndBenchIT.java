package io.streamdesk.stack.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.intent.IntentStreamConfig;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.stack.LocalStack;
import io.streamdesk.stack.LocalStackOptions;
import io.streamdesk.stack.access.ClusterAccess;
import io.streamdesk.stack.bench.BenchConversations.Script;
import io.streamdesk.stack.bench.PipelineBench;
import io.streamdesk.stack.replay.ReplayReport.Row;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay and the benchmark against one in-process local stack (embedded broker, every service,
 * sample knowledge base, extractive generator).
 */
class ReplayAndBenchIT {

  private static final String PREFIX = "replay-it.";

  @TempDir static Path data;
  private static LocalStack stack;
  private static ClusterAccess access;
  private static Topics topics;

  @BeforeAll
  static void startStack() {
    stack =
        new LocalStack(
                new LocalStackOptions(data, 0, 0, 0, "extractive", null, List.of(), 2, Map.of()))
            .start();
    access =
        ClusterAccess.inProcess(
            stack.kafka(),
            stack.serdes(),
            Map.of(
                "kb.index.dir",
                data.resolve("index").toString(),
                "intent.models.dir",
                data.resolve(LocalStack.INTENT_MODELS).toString()));
    topics = stack.kafka().topics();
  }

  @AfterAll
  static void stopStack() {
    if (access != null) {
      access.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldReportTheActionChangeOfAConfigChangeWithoutWritingToTheChannelsAndCleanUp()
      throws Exception {
    // Given a conversation answered by the running stack, whose second message swears
    Instant from = Instant.now().minusSeconds(1);
    String conversation = "replay-it-" + UUID.randomUUID();
    ReplyGenerated first = converse(conversation, "What is your return policy?");
    ReplyGenerated second = converse(conversation, "How long does shipping take? wtf");
    assertThat(second.getAction().name()).isNotEqualTo("FALLBACK");
    Map<TopicPartition, Long> before = awaitQuietChannelTopics();

    // When it is replayed with profanity refused instead of masked
    ReplayReport report =
        Replay.run(
            access,
            new Replay.Request(
                from,
                Instant.now(),
                Optional.of(conversation),
                PREFIX,
                Map.of("text.policy.category.profanity", "REFUSE"),
                4,
                Duration.ofSeconds(60),
                false));

    // Then the report lists the action change of the swearing message only
    assertThat(report.rows()).extracting(Row::messageId).hasSize(2);
    Row unchanged = report.rows().getFirst();
    Row refused = report.rows().get(1);
    assertThat(unchanged.original().text()).isEqualTo(first.getText());
    assertThat(unchanged.shadow().kind()).isEqualTo(ReplayReport.OutcomeKind.REPLY);
    assertThat(unchanged.actionChanged()).isFalse();
    assertThat(refused.original().action()).isEqualTo(second.getAction().name());
    assertThat(refused.shadow().action()).isEqualTo("FALLBACK");
    assertThat(refused.actionChanged()).isTrue();
    assertThat(refused.maskedText()).doesNotContain("wtf");
    assertThat(report.summaryJson().path("action_changes").asLong()).isEqualTo(1);
    // nothing reached the real reply, handoff and delivery topics
    assertThat(endOffsets()).isEqualTo(before);
    // and the shadow topics and groups are gone
    try (Admin admin = Admin.create(access.clientProperties())) {
      assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith(PREFIX));
      assertThat(admin.listGroups().all().get())
          .extracting(GroupListing::groupId)
          .noneMatch(g -> g.startsWith(PREFIX));
    }
  }

  @Test
  void shouldReportTheBenchmarkKeysAndCountsOfAShortRun() throws Exception {
    // Given two short conversations played by two customers
    List<Script> scripts =
        List.of(
            new Script("en", "en", List.of("Hello", "How long does shipping take?")),
            new Script("zh", "zh", List.of("你好", "怎么退货？")));

    // When
    ObjectNode report =
        PipelineBench.run(
            access,
            IntentStreamConfig.load(Configuration.of(Map.of())),
            scripts,
            new PipelineBench.Settings(
                4,
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                2,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60)));

    // Then
    assertThat(report.has("sent")).isTrue();
    for (String key :
        List.of(
            "sent",
            "replied",
            "duplicates",
            "dlq",
            "throughput_msgs_per_s",
            "latency_ms",
            "stage_latency_ms",
            "encoder_per_s",
            "ratio_to_encoder")) {
      assertThat(report.has(key)).as(key).isTrue();
    }
    for (String percentile : List.of("p50", "p95", "p99")) {
      assertThat(report.path("latency_ms").has(percentile)).as(percentile).isTrue();
    }
    JsonNode intent = report.path("stage_latency_ms").path("intent");
    assertThat(intent.has("p99")).isTrue();
    long sent = report.path("sent").asLong();
    assertThat(sent).isPositive();
    assertThat(report.path("replied").asLong() + report.path("dlq").asLong()).isEqualTo(sent);
    assertThat(report.path("duplicates").asLong()).isZero();
    assertThat(report.path("encoder_per_s").asDouble()).isPositive();
  }

  /** Sends one customer message and waits for its reply. */
  private static ReplyGenerated converse(String conversation, String text) throws Exception {
    String messageId = UUID.randomUUID().toString();
    CustomerMessageReceived message =
        CustomerMessageReceived.newBuilder()
            .setMessageId(messageId)
            .setConversationId(conversation)
            .setChannel("web")
            .setText(text)
            .setLocale("en-US")
            .setReceivedAt(Instant.now())
            .build();
    Map<String, Object> props = access.clientProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    try (KafkaProducer<String, CustomerMessageReceived> producer =
            new KafkaProducer<>(
                access.clientProperties(),
                new StringSerializer(),
                stack.serdes().valueSerde(topics.messagesInbound()).serializer());
        KafkaConsumer<String, ReplyGenerated> consumer =
            new KafkaConsumer<>(
                props,
                new StringDeserializer(),
                stack.serdes().valueSerde(topics.replies()).deserializer())) {
      producer
          .send(new ProducerRecord<>(topics.messagesInbound().name(), conversation, message))
          .get();
      consumer.subscribe(List.of(topics.replies().name()));
      AtomicReference<ReplyGenerated> reply = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                for (ConsumerRecord<String, ReplyGenerated> r :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (r.value().getInReplyTo().equals(messageId)) {
                    reply.set(r.value());
                  }
                }
                return reply.get() != null;
              });
      return reply.get();
    }
  }

  /** The end offsets of the channel-facing topics once they stopped moving. */
  private static Map<TopicPartition, Long> awaitQuietChannelTopics() {
    AtomicReference<Map<TopicPartition, Long>> last = new AtomicReference<>(endOffsets());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              Map<TopicPartition, Long> now = endOffsets();
              return now.equals(last.getAndSet(now));
            });
    return last.get();
  }

  private static Map<TopicPartition, Long> endOffsets() {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            access.clientProperties(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic :
          List.of(
              topics.replies().name(),
              topics.handoffs().name(),
              topics.deliveries().name(),
              topics.replyChunks().name())) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      return new HashMap<>(consumer.endOffsets(partitions));
    }
  }
}
