package io.streamdesk.generation.worker;

import io.streamdesk.generation.llm.StreamListener;
import io.streamdesk.generation.prompt.SystemPrompts;
import io.streamdesk.generation.reply.Draft;
import io.streamdesk.generation.reply.ReplyGenerator;
import io.streamdesk.schemas.events.GenerateReply;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A model double: each call takes the next scripted step, which streams a text word by word (as a
 * model would, with the request's passages numbered), fails, or never finishes.
 */
final class ScriptedGenerator implements ReplyGenerator {

  private final Deque<Function<GenerateReply, Step>> script = new ArrayDeque<>();
  final List<CompletableFuture<Draft>> calls = new CopyOnWriteArrayList<>();

  sealed interface Step {}

  record Answer(String text) implements Step {}

  record Fail(RuntimeException error) implements Step {}

  record Hang() implements Step {}

  ScriptedGenerator answer(String text) {
    script.add(r -> new Answer(text));
    return this;
  }

  ScriptedGenerator fail(RuntimeException error) {
    script.add(r -> new Fail(error));
    return this;
  }

  ScriptedGenerator hang() {
    script.add(r -> new Hang());
    return this;
  }

  @Override
  public synchronized CompletableFuture<Draft> generate(
      GenerateReply request, StreamListener listener) {
    Function<GenerateReply, Step> next = script.poll();
    Step step =
        next == null ? new Fail(new IllegalStateException("no step left")) : next.apply(request);
    CompletableFuture<Draft> future = new CompletableFuture<>();
    calls.add(future);
    switch (step) {
      case Answer a -> {
        for (String piece : a.text().split("(?<= )")) {
          listener.onDelta(piece);
        }
        future.complete(
            new Draft(
                a.text(),
                Draft.Source.MODEL,
                request.getPassages(),
                List.of(),
                null,
                model(),
                SystemPrompts.VERSION,
                Duration.ofMillis(12),
                Duration.ofMillis(340),
                100,
                20));
      }
      case Fail f -> future.completeExceptionally(f.error());
      case Hang h -> {}
    }
    return future;
  }

  @Override
  public String model() {
    return "onnx:scripted";
  }

  @Override
  public void close() {}
}
