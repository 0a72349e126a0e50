package io.streamdesk.dispatcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery ids already delivered, per partition of cs.deliveries, remembered for a TTL. It is
 * the dispatcher's deduplication state: filled from cs.deliveries when a partition is assigned (see
 * {@link DeliveryLogReader}) and on every successful delivery, so a record read again after a
 * restart, a rebalance or a replay is not delivered twice.
 *
 * <p>cs.deliveries is co-partitioned with cs.replies and cs.handoffs (the dispatcher writes each
 * outcome to the partition number of its input record), so partition p of the ledger serves both
 * input partitions p and is dropped when neither is assigned any more. Memory: the deliveries of
 * the assigned partitions within the TTL, about 100 bytes each.
 */
final class DeliveryLedger {

  private final Duration ttl;
  private final Clock clock;
  private final Map<Integer, Map<String, Long>> byPartition = new ConcurrentHashMap<>();

  DeliveryLedger(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  Duration ttl() {
    return ttl;
  }

  /** Whether the partition's ids are loaded. */
  boolean isLoaded(int partition) {
    return byPartition.containsKey(partition);
  }

  /** Installs the ids read from cs.deliveries for a partition (id to delivery time). */
  void load(int partition, Map<String, Long> deliveredAt) {
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
  boolean isDelivered(int partition, String deliveryId) {
    Map<String, Long> ids = byPartition.get(partition);
    if (ids == null) {
      return false;
    }
    Long at = ids.get(deliveryId);
    return at != null && at >= cutoff();
  }

  /** Remembers a delivery. */
  void delivered(int partition, String deliveryId, Instant at) {
    byPartition
        .computeIfAbsent(partition, p -> new ConcurrentHashMap<>())
        .put(deliveryId, at.toEpochMilli());
  }

  /** Drops a partition that is no longer assigned. */
  void release(int partition) {
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
