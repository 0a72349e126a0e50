package io.streamdesk.dispatcher;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Runs tasks one after another per lane and lanes in parallel, each task on a virtual thread. A
 * lane is one conversation of one input partition, so one conversation's replies are delivered in
 * the order they were produced (a reply waits while the one before it is retried) while every other
 * conversation goes on. A lane exists only while it has work: memory follows the conversations in
 * flight, not all conversations ever seen.
 */
final class ConversationLanes {

  private final ExecutorService executor;
  private final Map<Object, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

  ConversationLanes(ExecutorService executor) {
    this.executor = executor;
  }

  /**
   * Queues {@code task} behind the lane's earlier tasks.
   *
   * @return completes when the task has run (exceptionally if it threw)
   */
  CompletableFuture<Void> submit(Object lane, Runnable task) {
    CompletableFuture<Void> next =
        tails.compute(
            lane,
            (key, tail) ->
                tail == null
                    ? CompletableFuture.runAsync(task, executor)
                    // A failed task must not stop the lane: its successors still run.
                    : tail.handle((ok, error) -> null).thenRunAsync(task, executor));
    next.whenComplete((ok, error) -> tails.remove(lane, next));
    return next;
  }

  /** Lanes with a task running or queued. */
  int activeLanes() {
    return tails.size();
  }
}
