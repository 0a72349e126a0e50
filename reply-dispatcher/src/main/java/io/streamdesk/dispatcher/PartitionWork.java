package io.streamdesk.dispatcher;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * The dispatcher's bookkeeping of one assigned input partition. Deliveries finish out of order
 * (conversations run in parallel, some wait for a retry), so the offset that may be committed is
 * the lowest offset not finished yet, or the next offset to read when everything read is finished:
 * a restart then re-reads every unfinished record, and the ledger drops those already delivered.
 *
 * <p>Only the poll thread calls {@link #begin}, {@link #rewind} and {@link #committable}; delivery
 * threads call {@link #finish} and wait on {@link #awaitRevocation}.
 */
final class PartitionWork {

  private final TopicPartition partition;
  private final ConcurrentSkipListSet<Long> unfinished = new ConcurrentSkipListSet<>();
  private final Set<CompletableFuture<?>> tasks = ConcurrentHashMap.newKeySet();
  private final CountDownLatch revoked = new CountDownLatch(1);
  private final AtomicInteger pendingTotal;
  private volatile long nextOffset = -1;
  private long lastCommitted = -1;

  /**
   * @param partition the input partition
   * @param pendingTotal the dispatcher-wide count of unfinished records, for back-pressure
   */
  PartitionWork(TopicPartition partition, AtomicInteger pendingTotal) {
    this.partition = partition;
    this.pendingTotal = pendingTotal;
  }

  TopicPartition partition() {
    return partition;
  }

  /** A record was read: it is unfinished until {@link #finish}. */
  void begin(long offset) {
    if (unfinished.add(offset)) {
      pendingTotal.incrementAndGet();
    }
    nextOffset = offset + 1;
  }

  /** A record will be read again (the consumer seeks back to it): forget it. */
  void rewind(long offset) {
    if (unfinished.remove(offset)) {
      pendingTotal.decrementAndGet();
    }
    nextOffset = offset;
  }

  /** The record's outcome is recorded (or nothing needed recording): its offset may be passed. */
  void finish(long offset) {
    if (unfinished.remove(offset)) {
      pendingTotal.decrementAndGet();
    }
  }

  int unfinishedCount() {
    return unfinished.size();
  }

  /**
   * The offset to commit, when it moved since {@link #committed}.
   *
   * @param fetchPosition the consumer's position in the partition, or -1 when unknown
   */
  OptionalLong committable(long fetchPosition) {
    long next = nextOffset;
    if (next < 0) {
      return OptionalLong.empty();
    }
    Long lowest = unfinished.ceiling(Long.MIN_VALUE);
    // With nothing unfinished, every record before the fetch position is done: committing the
    // position passes the commit marker after a transaction's last record, which the last
    // record's offset + 1 would leave as a lag of one that never drains.
    long offset = lowest == null ? Math.max(next, fetchPosition) : Math.min(lowest, next);
    return offset == lastCommitted ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  /** The offset was committed. */
  void committed(long offset) {
    lastCommitted = offset;
  }

  /** Tracks a delivery task of this partition, so a revocation can wait for it. */
  void track(CompletableFuture<?> task) {
    tasks.add(task);
    task.whenComplete((r, e) -> tasks.remove(task));
  }

  /**
   * The partition is taken away or the dispatcher stops: no new attempt starts, and deliveries
   * waiting for a backoff give up at once (their records stay unfinished for the next owner).
   */
  void revoke() {
    revoked.countDown();
  }

  /**
   * Forgets the unfinished records, once the last offset is committed; the next owner re-reads
   * them.
   */
  void release() {
    revoke();
    int left = unfinished.size();
    unfinished.clear();
    pendingTotal.addAndGet(-left);
  }

  boolean isRevoked() {
    return revoked.getCount() == 0;
  }

  /**
   * Waits up to {@code delay} (a retry backoff) unless the partition is revoked first.
   *
   * @return true when revoked
   */
  boolean awaitRevocation(Duration delay) throws InterruptedException {
    return revoked.await(delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Waits until every delivery task of the partition has ended, at most {@code timeout}.
   *
   * @return whether they all ended
   */
  boolean awaitTasks(Duration timeout) throws InterruptedException {
    CompletableFuture<?>[] running = tasks.toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(running).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (ExecutionException e) {
      return true; // a task that failed has ended too
    } catch (TimeoutException e) {
      return false;
    }
  }
}
