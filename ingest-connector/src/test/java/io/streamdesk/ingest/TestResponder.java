package io.streamdesk.ingest;

import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyChunk;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for the pipeline in tests: answers each message on cs.messages.inbound with a few
 * chunks on cs.replies.chunks, then a ReplyGenerated citing one passage on cs.replies. Messages
 * whose text contains {@value #SILENT} get no answer (to test timeouts).
 */
final class TestResponder implements AutoCloseable {

  static final String SILENT = "[silent]";
  static final String CITATION_TITLE = "Delivery times";
  static final String CITATION_SOURCE = "faq/delivery.md";

  private final KafkaConsumer<String, CustomerMessageReceived> consumer;
  private final KafkaProducer<String, Object> producer;
  private final Topics topics;
  private final Duration chunkPause;
  private final Thread thread;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-responder-send"));
  private volatile boolean running = true;

  TestResponder(String bootstrapServers, Topics topics, TopicSerdes serdes, Duration chunkPause) {
    this.topics = topics;
    this.chunkPause = chunkPause;
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-responder-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    consumer =
        new KafkaConsumer<>(
            c,
            new StringDeserializer(),
            serdes.valueSerde(topics.messagesInbound()).deserializer());
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    var chunkSerializer = serdes.valueSerde(topics.replyChunks()).serializer();
    var replySerializer = serdes.valueSerde(topics.replies()).serializer();
    var handoffSerializer = serdes.valueSerde(topics.handoffs()).serializer();
    producer =
        new KafkaProducer<>(
            p,
            new StringSerializer(),
            (topic, value) ->
                switch (value) {
                  case ReplyChunk chunk -> chunkSerializer.serialize(topic, chunk);
                  case HandoffRequested h -> handoffSerializer.serialize(topic, h);
                  default -> replySerializer.serialize(topic, (ReplyGenerated) value);
                });
    consumer.subscribe(List.of(topics.messagesInbound().name()));
    // Joined before the first message is sent: "latest" must not skip it.
    while (consumer.assignment().isEmpty()) {
      consumer.poll(Duration.ofMillis(100));
    }
    thread = Thread.ofPlatform().daemon().name("test-responder").start(this::loop);
  }

  /** The answer the responder gives to {@code question}. */
  static String answerTo(String question) {
    return "Delivery takes 2-3 days. (You asked: " + question + ")";
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<String, CustomerMessageReceived> r :
            consumer.poll(Duration.ofMillis(100))) {
          if (!r.value().getText().contains(SILENT)) {
            answer(r.value());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
  }

  private void answer(CustomerMessageReceived m) {
    if ("human_agent".equals(m.getMetadata().get("request"))) {
      handOff(m);
      return;
    }
    String text = answerTo(m.getText());
    List<String> pieces = new ArrayList<>();
    for (String word : text.split("(?<= )")) {
      pieces.add(word);
    }
    for (int i = 0; i < pieces.size(); i++) {
      ReplyChunk chunk =
          ReplyChunk.newBuilder()
              .setMessageId(m.getMessageId())
              .setConversationId(m.getConversationId())
              .setSeq(i)
              .setDelta(pieces.get(i))
              .setFinal$(i == pieces.size() - 1)
              .setAt(Instant.now())
              .build();
      // Paced like a decoder: chunk i leaves i pauses after the message arrived.
      schedule(i, new ProducerRecord<>(topics.replyChunks().name(), m.getConversationId(), chunk));
    }
    ReplyGenerated reply =
        reply(
            m,
            text,
            ReplyAction.ANSWER,
            List.of(
                Citation.newBuilder()
                    .setPassageId("delivery#0")
                    .setDocumentId("delivery")
                    .setTitle(CITATION_TITLE)
                    .setSource(CITATION_SOURCE)
                    .build()));
    schedule(
        pieces.size(), new ProducerRecord<>(topics.replies().name(), m.getConversationId(), reply));
  }

  /** A human was asked for: a HandoffRequested on cs.handoffs and a HANDOFF reply. */
  private void handOff(CustomerMessageReceived m) {
    HandoffRequested handoff =
        HandoffRequested.newBuilder()
            .setHandoffId(UUID.randomUUID().toString())
            .setMessageId(m.getMessageId())
            .setConversationId(m.getConversationId())
            .setChannel(m.getChannel())
            .setLanguage("en")
            .setReason(HandoffReason.USER_REQUEST)
            .setIntent("human_agent")
            .setPriority(HandoffPriority.NORMAL)
            .setRequestedAt(Instant.now())
            .build();
    scheduler.execute(
        () -> {
          producer.send(
              new ProducerRecord<>(topics.handoffs().name(), m.getConversationId(), handoff));
          producer.flush();
        });
    schedule(
        0,
        new ProducerRecord<>(
            topics.replies().name(),
            m.getConversationId(),
            reply(m, "A human agent will contact you shortly.", ReplyAction.HANDOFF, List.of())));
  }

  private static ReplyGenerated reply(
      CustomerMessageReceived m, String text, ReplyAction action, List<Citation> citations) {
    return ReplyGenerated.newBuilder()
        .setReplyId(UUID.randomUUID().toString())
        .setInReplyTo(m.getMessageId())
        .setConversationId(m.getConversationId())
        .setChannel(m.getChannel())
        .setLanguage("en")
        .setText(text)
        .setAction(action)
        .setCitations(citations)
        .setIntent(action == ReplyAction.HANDOFF ? "human_agent" : "delivery_time")
        .setConfidence(0.91)
        .setModel("test-responder")
        .setReceivedAt(m.getReceivedAt())
        .setGeneratedAt(Instant.now())
        .build();
  }

  private void schedule(int step, ProducerRecord<String, Object> record) {
    scheduler.schedule(
        () -> {
          producer.send(record);
          producer.flush();
        },
        chunkPause.toMillis() * step,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.shutdownNow();
    producer.close(Duration.ofSeconds(2));
  }
}
