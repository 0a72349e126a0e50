package io.streamdesk.stack.access;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the records of one topic in a time range, partition by partition in offset order, as a
 * read_committed consumer without a group (nothing is committed, no group is left behind). The
 * range is located with {@code offsetsForTimes}: from the first offset whose timestamp is at or
 * after {@code from} up to the first at or after {@code to} (or the current end, the last stable
 * offset); records in it whose own timestamp is outside the range are skipped. Records are handed
 * over as raw bytes so the caller decides how a poison record counts.
 */
public final class TopicRangeReader {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private final Map<String, Object> clientProperties;

  public TopicRangeReader(Map<String, Object> clientProperties) {
    this.clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * Hands every record of {@code topic} in {@code [from, to)} to {@code sink}.
   *
   * @param to end of the range, exclusive; null reads up to the current end
   * @return records handed over
   * @throws IllegalArgumentException if the topic does not exist
   * @throws IllegalStateException if the range cannot be read within a minute of no progress
   */
  public long read(
      String topic, Instant from, Instant to, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    Objects.requireNonNull(from, "from");
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = CommittedReads.partitions(consumer, topic);
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("topic " + topic + " does not exist");
      }
      // Assigned first: a read_committed consumer learns the last stable offsets of assigned
      // partitions only (and warns about the others).
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
      if (to != null) {
        offsets(consumer, partitions, to)
            .forEach((tp, offset) -> ends.merge(tp, offset, Math::min));
      }
      Map<TopicPartition, Long> starts = offsets(consumer, partitions, from);
      Map<TopicPartition, Long> remaining = new HashMap<>();
      for (TopicPartition tp : partitions) {
        long start = starts.getOrDefault(tp, ends.get(tp));
        if (start < ends.get(tp)) {
          remaining.put(tp, ends.get(tp));
          starts.put(tp, start);
        }
      }
      if (remaining.isEmpty()) {
        return 0;
      }
      consumer.assign(remaining.keySet());
      remaining.keySet().forEach(tp -> consumer.seek(tp, starts.get(tp)));
      return drain(
          consumer,
          remaining,
          sink,
          topic,
          from.toEpochMilli(),
          to == null ? Long.MAX_VALUE : to.toEpochMilli());
    }
  }

  private long drain(
      KafkaConsumer<byte[], byte[]> consumer,
      Map<TopicPartition, Long> remaining,
      Consumer<ConsumerRecord<byte[], byte[]>> sink,
      String topic,
      long fromMillis,
      long toMillis) {
    long count = 0;
    long lastProgress = System.nanoTime();
    while (!remaining.isEmpty()) {
      boolean progressed = false;
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        Long end = remaining.get(tp);
        if (end != null && record.offset() < end) {
          // Timestamps are not ordered within a partition (a producer may set them): the offset
          // range found by time can hold records outside the time range.
          if (record.timestamp() >= fromMillis && record.timestamp() < toMillis) {
            sink.accept(record);
            count++;
          }
          progressed = true;
        }
      }
      for (TopicPartition tp : List.copyOf(remaining.keySet())) {
        // position() passes transaction markers and aborted records, which poll never returns.
        if (consumer.position(tp) >= remaining.get(tp)) {
          remaining.remove(tp);
          consumer.pause(List.of(tp));
          progressed = true;
        }
      }
      if (progressed) {
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
        throw new IllegalStateException(
            "reading " + topic + " made no progress for " + STALL_LIMIT + "; left: " + remaining);
      }
    }
    return count;
  }

  private static Map<TopicPartition, Long> offsets(
      KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Instant at) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, Math.max(0, at.toEpochMilli())));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, OffsetAndTimestamp> e :
        consumer.offsetsForTimes(query).entrySet()) {
      if (e.getValue() != null) {
        offsets.put(e.getKey(), e.getValue().offset());
      }
    }
    return offsets;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return CommittedReads.consumer(
        clientProperties,
        "cs-tools-reader-",
        Map.of(
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "none",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            2_000));
  }
}
