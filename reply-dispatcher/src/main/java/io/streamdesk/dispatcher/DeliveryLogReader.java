package io.streamdesk.dispatcher;

import io.streamdesk.schemas.events.DeliveryKind;
import io.streamdesk.schemas.events.ReplyDelivered;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds {@link DeliveryLedger} partitions from cs.deliveries: reads each partition from the
 * first record within the TTL up to its end (read_committed), keeping the delivery id and time of
 * every ReplyDelivered. DeliveryFailed records are not kept: a reply that failed may be delivered
 * when it is replayed. Uses its own consumer, assigned, outside any group.
 */
final class DeliveryLogReader implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLogReader.class);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final Deserializer<SpecificRecord> deserializer;

  DeliveryLogReader(
      Consumer<byte[], byte[]> consumer, String topic, Deserializer<SpecificRecord> deserializer) {
    this.consumer = consumer;
    this.topic = topic;
    this.deserializer = deserializer;
  }

  /**
   * Reads the delivered ids of input partitions since {@code since}: for input partition p of a
   * topic, the outcomes of that kind (REPLY for cs.replies, HANDOFF for cs.handoffs) in
   * cs.deliveries partition p. Each cs.deliveries partition is read once.
   *
   * @param inputs input partitions and the delivery kind each one produces
   * @param timeout how long the whole read may take
   * @return delivery id to delivery time (epoch ms), per input partition
   * @throws IllegalStateException when the end is not reached within the timeout
   */
  Map<TopicPartition, Map<String, Long>> read(
      Map<TopicPartition, DeliveryKind> inputs, Instant since, Duration timeout) {
    Map<TopicPartition, Map<String, Long>> result = new HashMap<>();
    Map<Integer, Map<DeliveryKind, TopicPartition>> byNumber = new TreeMap<>();
    inputs.forEach(
        (input, kind) -> {
          result.put(input, new HashMap<>());
          byNumber
              .computeIfAbsent(input.partition(), p -> new EnumMap<>(DeliveryKind.class))
              .put(kind, input);
        });
    if (inputs.isEmpty()) {
      return result;
    }
    List<TopicPartition> tps =
        byNumber.keySet().stream().map(p -> new TopicPartition(topic, p)).toList();
    consumer.assign(tps);
    Map<TopicPartition, Long> ends = consumer.endOffsets(tps, timeout);
    Map<TopicPartition, Long> query =
        tps.stream().collect(Collectors.toMap(tp -> tp, tp -> since.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
    for (TopicPartition tp : tps) {
      OffsetAndTimestamp start = starts.get(tp);
      // No record at or after `since`: nothing within the TTL, start at the end.
      consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int skipped = 0;
    while (!reachedEnd(tps, ends)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "could not read "
                + topic
                + " partitions "
                + byNumber.keySet()
                + " to the end within "
                + timeout
                + " to rebuild the delivery ledger");
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        try {
          if (deserializer.deserialize(record.topic(), record.value())
              instanceof ReplyDelivered delivered) {
            TopicPartition input = byNumber.get(record.partition()).get(delivered.getKind());
            if (input != null) {
              result
                  .get(input)
                  .merge(
                      delivered.getDeliveryId(),
                      delivered.getDeliveredAt().toEpochMilli(),
                      Math::max);
            }
          }
        } catch (SerializationException e) {
          // An unreadable audit record says nothing about what was delivered.
          skipped++;
        }
      }
    }
    consumer.assign(Set.of());
    if (skipped > 0) {
      log.warn("{}: skipped {} unreadable records while rebuilding the ledger", topic, skipped);
    }
    return result;
  }

  private boolean reachedEnd(List<TopicPartition> tps, Map<TopicPartition, Long> ends) {
    for (TopicPartition tp : tps) {
      if (consumer.position(tp) < ends.get(tp)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
