package io.streamdesk.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConversationLanesTest {

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ConversationLanes lanes = new ConversationLanes(executor);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void shouldRunOneLaneInOrderWhileAnotherLaneProceeds() throws Exception {
    // Given lane A's first task blocks
    CountDownLatch release = new CountDownLatch(1);
    List<String> done = new CopyOnWriteArrayList<>();
    lanes.submit("A", () -> runAfter(release, () -> done.add("A1")));
    CompletableFuture<Void> a2 = lanes.submit("A", () -> done.add("A2"));

    // When lane B gets work
    CompletableFuture<Void> b1 = lanes.submit("B", () -> done.add("B1"));

    // Then B finishes while A waits, and A keeps its order
    b1.get(5, TimeUnit.SECONDS);
    assertThat(done).containsExactly("B1");
    release.countDown();
    a2.get(5, TimeUnit.SECONDS);
    assertThat(done).containsExactly("B1", "A1", "A2");
  }

  @Test
  void shouldKeepALaneGoingAfterATaskThrows() throws Exception {
    lanes.submit(
        "A",
        () -> {
          throw new IllegalStateException("boom");
        });
    CompletableFuture<Void> next = lanes.submit("A", () -> {});

    next.get(5, TimeUnit.SECONDS);
    assertThat(next).isCompletedWithValue(null);
  }

  @Test
  void shouldForgetALaneOnceItHasNoWork() throws Exception {
    lanes.submit("A", () -> {}).get(5, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(5)).until(() -> lanes.activeLanes() == 0);
  }

  private static void runAfter(CountDownLatch latch, Runnable then) {
    try {
      if (latch.await(10, TimeUnit.SECONDS)) {
        then.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
