package io.streamdesk.stack.replay;

import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.stack.access.ClusterAccess;
import io.streamdesk.stack.access.TopicRangeReader;
import io.streamdesk.stack.replay.ReplayReport.OutcomeKind;
import io.streamdesk.stack.replay.ReplayReport.Row;
import io.streamdesk.stack.replay.ReplayReport.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-runs the inbound messages of a time range through a {@link ShadowPipeline} (current models and
 * knowledge base) and compares what it answers with what production answered. Reads {@code
 * cs.messages.inbound} (the range, by {@code offsetsForTimes}), {@code cs.replies}, {@code cs.dlq}
 * and {@code cs.messages.classified}; writes only the shadow topics, which it deletes afterwards
 * unless kept.
 */
public final class Replay {

  private static final Logger log = LoggerFactory.getLogger(Replay.class);

  /**
   * What to replay and how.
   *
   * @param from start of the range (inbound record time)
   * @param to end of the range, exclusive
   * @param conversation only this conversation, if set
   * @param shadowPrefix topic prefix of the shadow pipeline (after the cluster's own prefix)
   * @param shadowOverrides configuration of the shadow services over the cluster's
   * @param parallel conversations replayed at once
   * @param messageTimeout how long one message may take in the shadow pipeline
   * @param keep leave the shadow topics, groups and state behind
   */
  public record Request(
      Instant from,
      Instant to,
      Optional<String> conversation,
      String shadowPrefix,
      Map<String, String> shadowOverrides,
      int parallel,
      Duration messageTimeout,
      boolean keep) {
    public Request {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(conversation, "conversation");
      Objects.requireNonNull(shadowPrefix, "shadowPrefix");
      shadowOverrides = Map.copyOf(shadowOverrides);
      if (!to.isAfter(from)) {
        throw new IllegalArgumentException("--to (" + to + ") must be after --from (" + from + ")");
      }
      if (shadowPrefix.isBlank()) {
        throw new IllegalArgumentException("the shadow prefix must not be empty");
      }
    }
  }

  private Replay() {}

  public static ReplayReport run(ClusterAccess access, Request request)
      throws InterruptedException {
    Topics topics = access.topics();
    TopicRangeReader reader = new TopicRangeReader(access.clientProperties());
    long[] unreadable = {0};
    List<SourceMessage> messages = source(access, reader, request, unreadable);
    log.info(
        "replaying {} messages of {} .. {}{}",
        messages.size(),
        request.from(),
        request.to(),
        request.conversation().map(c -> " (conversation " + c + ")").orElse(""));
    String prefix = access.kafka().topicPrefix() + request.shadowPrefix();
    if (messages.isEmpty()) {
      return new ReplayReport(
          request.from(), request.to(), request.conversation(), prefix, unreadable[0], List.of());
    }
    Set<String> ids = new HashSet<>();
    messages.forEach(m -> ids.add(m.messageId()));
    OriginalOutcomes originals =
        OriginalOutcomes.read(reader, topics, access.serdes(), request.from(), ids);

    TopicDescription inbound = describe(access, topics.messagesInbound().name());
    Map<String, ReplayDriver.Sent> sent;
    Set<String> timedOut = ConcurrentHashMap.newKeySet();
    List<Row> rows = new ArrayList<>();
    try (ShadowPipeline shadow =
        ShadowPipeline.start(
            access,
            request.shadowPrefix(),
            inbound.partitions().size(),
            (short) inbound.partitions().getFirst().replicas().size(),
            request.shadowOverrides(),
            request.keep())) {
      try (ShadowOutcomes outcomes =
              new ShadowOutcomes(access.clientProperties(), shadow.topics(), access.serdes())
                  .start();
          KafkaProducer<byte[], byte[]> producer = producer(access)) {
        sent =
            new ReplayDriver(
                    producer,
                    shadow.topics().messagesInbound().name(),
                    outcomes,
                    request.parallel(),
                    request.messageTimeout())
                .run(messages, timedOut);
        for (SourceMessage m : messages) {
          rows.add(row(m, originals, outcomes.of(m.messageId()), sent.get(m.messageId())));
        }
      }
    }
    if (!timedOut.isEmpty()) {
      log.warn("{} messages got no shadow outcome in time", timedOut.size());
    }
    return new ReplayReport(
        request.from(), request.to(), request.conversation(), prefix, unreadable[0], rows);
  }

  private static List<SourceMessage> source(
      ClusterAccess access, TopicRangeReader reader, Request request, long[] unreadable) {
    String topic = access.topics().messagesInbound().name();
    Deserializer<CustomerMessageReceived> deserializer =
        access.serdes().valueSerde(access.topics().messagesInbound()).deserializer();
    List<SourceMessage> messages = new ArrayList<>();
    reader.read(
        topic,
        request.from(),
        request.to(),
        record -> {
          CustomerMessageReceived m;
          try {
            m = deserializer.deserialize(topic, record.headers(), record.value());
          } catch (RuntimeException e) {
            unreadable[0]++;
            return;
          }
          if (m == null) {
            unreadable[0]++;
            return;
          }
          if (request.conversation().isPresent()
              && !request.conversation().get().equals(m.getConversationId())) {
            return;
          }
          messages.add(
              new SourceMessage(
                  record.partition(),
                  record.offset(),
                  record.timestamp(),
                  record.key(),
                  record.value(),
                  record.headers().toArray(),
                  m));
        });
    // Time order across partitions: conversations start in the order customers opened them.
    messages.sort(
        Comparator.comparingLong(SourceMessage::timestamp)
            .thenComparingInt(SourceMessage::partition)
            .thenComparingLong(SourceMessage::offset));
    return messages;
  }

  private static Row row(
      SourceMessage m,
      OriginalOutcomes originals,
      ShadowOutcomes.Outcome shadow,
      ReplayDriver.Sent sent) {
    String id = m.messageId();
    Side original =
        side(
            originals.reply(id),
            originals.replyCount(id),
            originals.deadLetter(id),
            originals.classified(id),
            m.timestamp());
    Side replayed =
        side(
            shadow.reply(),
            shadow.replies(),
            shadow.deadLetter(),
            shadow.classified(),
            sent == null ? null : sent.atMillis());
    String masked =
        shadow
            .classified()
            .or(() -> originals.classified(id))
            .map(MessageClassified::getMaskedText)
            .orElse("");
    return new Row(id, m.conversationId(), m.message().getReceivedAt(), masked, original, replayed);
  }

  private static Side side(
      Optional<ReplyGenerated> reply,
      int replies,
      Optional<ProcessingFailed> deadLetter,
      Optional<MessageClassified> classified,
      Long enteredAtMillis) {
    String classifiedIntent = classified.map(MessageClassified::getIntent).orElse(null);
    if (reply.isPresent()) {
      ReplyGenerated r = reply.get();
      return new Side(
          OutcomeKind.REPLY,
          r.getIntent(),
          r.getAction().name(),
          r.getText(),
          r.getCitations().stream().map(Citation::getDocumentId).toList(),
          enteredAtMillis == null ? null : r.getGeneratedAt().toEpochMilli() - enteredAtMillis,
          r.getModel(),
          r.getKbVersion(),
          replies,
          null);
    }
    if (deadLetter.isPresent()) {
      ProcessingFailed f = deadLetter.get();
      return new Side(
          OutcomeKind.DLQ,
          classifiedIntent,
          null,
          null,
          List.of(),
          null,
          null,
          null,
          0,
          f.getStage() + ": " + f.getExceptionClass());
    }
    return Side.none(classifiedIntent);
  }

  private static TopicDescription describe(ClusterAccess access, String topic) {
    try (Admin admin = Admin.create(access.clientProperties())) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe " + topic + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + topic, e);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(ClusterAccess access) {
    Map<String, Object> props = access.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "cs-replay-feed");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
