package io.streamdesk.generation.llm.onnx;

import io.streamdesk.generation.llm.FinishReason;
import io.streamdesk.generation.llm.GenerationRequest;
import io.streamdesk.generation.llm.GenerationResult;
import io.streamdesk.generation.llm.StreamListener;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's decoding state while it is a row of the batch: sampler, streamed text, stop
 * handling, counters and timings. Touched only by the engine thread after submission.
 */
final class Sequence {

  private static final Logger LOG = LoggerFactory.getLogger(Sequence.class);

  final GenerationRequest request;
  final long[] promptIds;
  final CompletableFuture<GenerationResult> future;
  private final StreamListener listener;
  private final long submittedNanos;
  private final int maxNewTokens;
  private final TokenSampler sampler;
  private final StreamingDetokenizer detokenizer;
  private final StopStringFilter stops;

  /** Real (not padding) tokens of this row in the KV cache. */
  int cachedTokens;

  /** The last generated token: the next step's input. */
  long lastToken;

  private int generated;
  private long firstTokenNanos = -1;
  private boolean done;
  private boolean listenerFailed;

  Sequence(
      GenerationRequest request,
      long[] promptIds,
      int maxNewTokens,
      StreamListener listener,
      HfTokenizer tokenizer,
      Set<Long> eosTokenIds,
      CompletableFuture<GenerationResult> future,
      long submittedNanos) {
    this.request = request;
    this.promptIds = promptIds;
    this.maxNewTokens = maxNewTokens;
    this.listener = listener;
    this.future = future;
    this.submittedNanos = submittedNanos;
    this.sampler = new TokenSampler(request.sampling(), promptIds, eosTokenIds);
    this.detokenizer = new StreamingDetokenizer(tokenizer);
    this.stops = new StopStringFilter(request.sampling().stopStrings());
  }

  TokenSampler sampler() {
    return sampler;
  }

  boolean done() {
    return done;
  }

  /** True when the caller gave up (cancelled the future): the row should leave the batch. */
  boolean abandoned() {
    return !done && future.isDone();
  }

  /** Takes the token sampled for this row; finishes the sequence on a stop or a limit. */
  void accept(long token, Set<Long> eosTokenIds, String modelId) {
    if (future.isDone()) {
      done = true; // cancelled meanwhile (possibly by its own listener): no more deltas
      return;
    }
    if (firstTokenNanos < 0) {
      firstTokenNanos = System.nanoTime();
    }
    generated++;
    if (eosTokenIds.contains(token)) {
      finish(FinishReason.STOP, modelId);
      return;
    }
    lastToken = token;
    emit(stops.append(detokenizer.add(token)));
    if (stops.stopped()) {
      finish(FinishReason.STOP, modelId);
    } else if (generated >= maxNewTokens) {
      finish(FinishReason.LENGTH, modelId);
    }
  }

  /** Marks the row finished without a result (the engine failed it or the caller cancelled). */
  void drop() {
    done = true;
  }

  private void finish(FinishReason reason, String modelId) {
    emit(stops.append(detokenizer.flush()));
    emit(stops.finish());
    done = true;
    long now = System.nanoTime();
    future.complete(
        new GenerationResult(
            stops.text(),
            stops.stopped() ? FinishReason.STOP : reason,
            promptIds.length,
            generated,
            Duration.ofNanos(firstTokenNanos - submittedNanos),
            Duration.ofNanos(now - submittedNanos),
            modelId));
  }

  private void emit(String delta) {
    if (delta.isEmpty()) {
      return;
    }
    try {
      listener.onDelta(delta);
    } catch (RuntimeException e) {
      if (!listenerFailed) {
        listenerFailed = true;
        LOG.warn(
            "stream listener of request {} threw; later failures are not logged",
            request.requestId(),
            e);
      }
    }
  }
}
