package io.streamdesk.generation.worker;

import io.streamdesk.generation.llm.StreamListener;
import io.streamdesk.generation.prompt.SystemPrompts;
import io.streamdesk.generation.reply.Draft;
import io.streamdesk.generation.reply.ReplyGenerator;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.Passage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A slow model for takeover tests: it "decodes" the first passage word by word, one word per {@code
 * perWord}, so a reply takes a few seconds and a worker can be killed in the middle of it.
 * Cancelling stops it. The text comes from the passage, so the guard finds it grounded.
 */
final class SlowGenerator implements ReplyGenerator {

  private final Duration perWord;
  private final int maxWords;
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "slow-model");
            t.setDaemon(true);
            return t;
          });

  SlowGenerator(Duration perWord, int maxWords) {
    this.perWord = perWord;
    this.maxWords = maxWords;
  }

  @Override
  public CompletableFuture<Draft> generate(GenerateReply request, StreamListener listener) {
    Passage passage = request.getPassages().getFirst();
    String[] words = passage.getText().split("(?<= )");
    int count = Math.min(words.length, maxWords);
    CompletableFuture<Draft> result = new CompletableFuture<>();
    List<ScheduledFuture<?>> steps = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      String word = words[i];
      boolean last = i == count - 1;
      steps.add(
          clock.schedule(
              () -> {
                if (result.isDone()) {
                  return;
                }
                text.append(word);
                listener.onDelta(word);
                if (last) {
                  Duration total = Duration.ofNanos(System.nanoTime() - start);
                  result.complete(
                      new Draft(
                          text.toString(),
                          Draft.Source.MODEL,
                          request.getPassages(),
                          List.of(),
                          null,
                          model(),
                          SystemPrompts.VERSION,
                          perWord,
                          total,
                          0,
                          count));
                }
              },
              perWord.toMillis() * (i + 1),
              TimeUnit.MILLISECONDS));
    }
    result.whenComplete(
        (d, e) -> {
          if (result.isCancelled()) {
            steps.forEach(s -> s.cancel(false));
          }
        });
    return result;
  }

  @Override
  public String model() {
    return "onnx:slow-test-model";
  }

  @Override
  public void close() {
    clock.shutdownNow();
  }
}
