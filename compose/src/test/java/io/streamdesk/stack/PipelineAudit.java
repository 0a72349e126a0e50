package io.streamdesk.stack;

import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the pipeline's topics back as a CRM or auditor would (read_committed, no consumer group)
 * and the services' committed offsets, to check the architecture's guarantee: every inbound message
 * ends in exactly one of a reply, a handoff or a DLQ record, and nothing is left unread.
 */
final class PipelineAudit {

  /**
   * What became of one inbound record.
   *
   * @param replies ReplyGenerated records answering it ({@code inReplyTo})
   * @param handoffActions actions of those replies that are HANDOFF
   * @param handoffs HandoffRequested records for it
   * @param deadLetters ProcessingFailed records for it
   * @param inboundRecords records on cs.messages.inbound with this id (1; 0 means an outcome
   *     answering a message nobody sent, 2 a message published twice)
   */
  record Outcome(
      int replies, int handoffActions, int handoffs, int deadLetters, int inboundRecords) {

    /**
     * Exactly one outcome as ARCHITECTURE.md defines it: one reply (a handoff's reply is the
     * "transferring you" HANDOFF reply, which comes with at most one HandoffRequested and only for
     * a HANDOFF action), or one dead letter and nothing else.
     */
    boolean isExactlyOne() {
      boolean replied =
          replies == 1
              && deadLetters == 0
              && handoffs <= 1
              && (handoffs == 0 || handoffActions == 1);
      boolean deadLettered = deadLetters == 1 && replies == 0 && handoffs == 0;
      return inboundRecords == 1 && (replied || deadLettered);
    }
  }

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> clientProperties;
  private final Topics topics;
  private final TopicSerdes serdes;

  PipelineAudit(Map<String, Object> clientProperties, Topics topics, TopicSerdes serdes) {
    this.clientProperties = clientProperties;
    this.topics = topics;
    this.serdes = serdes;
  }

  /**
   * The outcome of every inbound record, keyed by its message id, or by {@code
   * topic-partition@offset} when its value is not a readable CustomerMessageReceived (a poison
   * record is known to the DLQ by where it was read).
   */
  Map<String, Outcome> outcomes() {
    Map<String, String> idByPosition = new HashMap<>();
    Map<String, int[]> counts = new TreeMap<>();
    Deserializer<CustomerMessageReceived> inbound =
        serdes.valueSerde(topics.messagesInbound()).deserializer();
    readAll(
        topics.messagesInbound().name(),
        (record, value) -> {
          String position = position(record.topic(), record.partition(), record.offset());
          String id;
          try {
            id = inbound.deserialize(record.topic(), value).getMessageId();
          } catch (RuntimeException unreadable) {
            id = position;
          }
          idByPosition.put(position, id);
          counts.computeIfAbsent(id, k -> new int[5])[4]++;
        });
    read(
        topics.replies(),
        r -> {
          int[] c = counts.computeIfAbsent(r.getInReplyTo(), k -> new int[5]);
          c[0]++;
          if (r.getAction().name().equals("HANDOFF")) {
            c[1]++;
          }
        });
    read(
        topics.handoffs(),
        (HandoffRequested h) -> counts.computeIfAbsent(h.getMessageId(), k -> new int[5])[2]++);
    read(
        topics.dlq(),
        (ProcessingFailed f) -> {
          String id = f.getMessageId();
          if (id == null && f.getSourceTopic() != null) {
            String position =
                position(f.getSourceTopic(), f.getSourcePartition(), f.getSourceOffset());
            id = idByPosition.getOrDefault(position, position);
          }
          counts.computeIfAbsent(String.valueOf(id), k -> new int[5])[3]++;
        });
    Map<String, Outcome> outcomes = new TreeMap<>();
    counts.forEach((id, c) -> outcomes.put(id, new Outcome(c[0], c[1], c[2], c[3], c[4])));
    return outcomes;
  }

  /** Every dead letter on cs.dlq. */
  List<ProcessingFailed> deadLetters() {
    List<ProcessingFailed> all = new ArrayList<>();
    read(topics.dlq(), all::add);
    return all;
  }

  /**
   * Lag of every consumer group on the broker, in records: per partition of the topics it has
   * committed offsets on, how many records a read_committed consumer starting at the committed
   * offset (the beginning where none) would still get before the last stable offset.
   *
   * <p>Counted in records rather than as {@code end offset - committed offset}: a partition written
   * in transactions ends with a commit marker, which takes an offset but is no record. Every
   * StreamDesk consumer commits its fetch position once it has finished what it read (past the
   * marker), but a consumer that commits "last record + 1" has read everything too.
   */
  Map<String, Map<TopicPartition, Long>> consumerLag() {
    try (Admin admin = Admin.create(clientProperties);
        KafkaConsumer<byte[], byte[]> consumer = readCommittedConsumer()) {
      Map<String, Map<TopicPartition, Long>> lag = new TreeMap<>();
      for (GroupListing group : admin.listGroups().all().get()) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
        // every partition of the topics the group reads: one it never committed lags from the start
        Map<TopicPartition, Long> from = new HashMap<>();
        committed.keySet().stream()
            .map(TopicPartition::topic)
            .distinct()
            .flatMap(topic -> consumer.partitionsFor(topic).stream())
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .forEach(tp -> from.put(tp, 0L));
        committed.forEach((tp, offset) -> from.put(tp, offset == null ? 0 : offset.offset()));
        Map<TopicPartition, Long> groupLag = new TreeMap<>(PipelineAudit::compare);
        groupLag.putAll(recordsFrom(consumer, from));
        lag.put(group.groupId(), groupLag);
      }
      return lag;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read consumer group offsets", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Per partition, the records a read_committed consumer gets from its offset to the end. */
  private static Map<TopicPartition, Long> recordsFrom(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> from) {
    Map<TopicPartition, Long> records = new HashMap<>();
    from.keySet().forEach(tp -> records.put(tp, 0L));
    Map<TopicPartition, Long> ends = consumer.endOffsets(from.keySet());
    List<TopicPartition> behind =
        from.keySet().stream().filter(tp -> from.get(tp) < ends.get(tp)).toList();
    consumer.assign(behind);
    behind.forEach(tp -> consumer.seek(tp, from.get(tp)));
    long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
    while (behind.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(behind + " not read to their end in " + READ_TIMEOUT);
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < ends.get(tp)) {
          records.merge(tp, 1L, Long::sum);
        }
      }
    }
    consumer.assign(List.of());
    return records;
  }

  private <V> void read(Topic<String, V> topic, java.util.function.Consumer<V> sink) {
    Deserializer<V> deserializer = serdes.valueSerde(topic).deserializer();
    readAll(
        topic.name(),
        (record, value) -> sink.accept(deserializer.deserialize(record.topic(), value)));
  }

  /** Reads a topic from the beginning to its last stable offset, read_committed, no group. */
  private void readAll(String topic, BiConsumer<ConsumerRecord<byte[], byte[]>, byte[]> sink) {
    try (KafkaConsumer<byte[], byte[]> consumer = readCommittedConsumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + " not read to its end in " + READ_TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          sink.accept(record, record.value());
        }
      }
    }
  }

  private KafkaConsumer<byte[], byte[]> readCommittedConsumer() {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static String position(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}
