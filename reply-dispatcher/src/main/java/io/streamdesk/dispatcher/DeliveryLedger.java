package io.streamdesk.dispatcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The delivery ids already delivered, per assigned input partition, remembered for a TTL. It is the
 * dispatcher's deduplication state: filled from cs.deliveries when an input partition is assigned
 * (see {@link DeliveryLogReader}) and on every successful delivery, so a record read again after a
 * restart, a rebalance or a replay is not delivered twice.
 *
 * <p>The dispatcher writes each outcome to the cs.deliveries partition with its input record's
 * partition number, so input partition p of cs.replies (or cs.handoffs) is rebuilt from
 * cs.deliveries partition p, keeping the REPLY (or HANDOFF) outcomes. It is kept per input
 * partition, not per number, because cs.replies-p and cs.handoffs-p may belong to different
 * instances. Memory: the deliveries of the assigned partitions within the TTL, about 100 bytes
 * each.
 */
final class DeliveryLedger {

  private final Duration ttl;
  private final Clock clock;
  private final Map<TopicPartition, Map<String, Long>> byPartition = new ConcurrentHashMap<>();

  DeliveryLedger(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  Duration ttl() {
    return ttl;
  }

  /** Whether the partition's ids are loaded. */
  boolean isLoaded(TopicPartition partition) {
    return byPartition.containsKey(partition);
  }

  /** Installs the ids read from cs.deliveries for an input partition (id to delivery time). */
  void load(TopicPartition partition, Map<String, Long> deliveredAt) {
    Map<String, Long> ids = new ConcurrentHashMap<>(deliveredAt);
    byPartition.merge(
        partition,
        ids,
        (existing, loaded) -> {
          existing.putAll(loaded);
          return existing;
        });
  }

  /** Whether the id was delivered within the TTL. */
  boolean isDelivered(TopicPartition partition, String deliveryId) {
    Map<String, Long> ids = byPartition.get(partition);
    if (ids == null) {
      return false;
    }
    Long at = ids.get(deliveryId);
    return at != null && at >= cutoff();
  }

  /** Remembers a delivery. */
  void delivered(TopicPartition partition, String deliveryId, Instant at) {
    byPartition
        .computeIfAbsent(partition, p -> new ConcurrentHashMap<>())
        .put(deliveryId, at.toEpochMilli());
  }

  /** Drops a partition that is no longer assigned. */
  void release(TopicPartition partition) {
    byPartition.remove(partition);
  }

  /** Drops ids older than the TTL; returns how many. */
  int expire() {
    long cutoff = cutoff();
    int removed = 0;
    for (Map<String, Long> ids : byPartition.values()) {
      int before = ids.size();
      ids.values().removeIf(at -> at < cutoff);
      removed += before - ids.size();
    }
    return removed;
  }

  /** Ids remembered now, all partitions. */
  long size() {
    return byPartition.values().stream().mapToLong(Map::size).sum();
  }

  /** The earliest delivery time still remembered. */
  Instant horizon() {
    return Instant.ofEpochMilli(cutoff());
  }

  private long cutoff() {
    return clock.millis() - ttl.toMillis();
  }
}
