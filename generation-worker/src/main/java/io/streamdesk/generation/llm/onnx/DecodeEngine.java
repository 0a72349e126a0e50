package io.streamdesk.generation.llm.onnx;

import ai.onnxruntime.OrtException;
import io.streamdesk.generation.llm.GenerationException;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous batching: one thread decodes every active sequence together, one token per row per
 * forward pass, and lets waiting requests join between passes.
 *
 * <p>Each iteration: (1) admit queued requests up to the batch size and prefill their prompts
 * together (left-padded, with attention mask and per-row position ids; in chunks when the logits
 * would be large), sampling each one's first token; (2) if rows joined or left, re-assemble the KV
 * cache with every live row right-aligned and the all-padding columns dropped; (3) run one decode
 * pass feeding each row only its newest token on top of the cache; (4) sample, stream, and finish
 * rows on a stop token, a stop string or their token limit. A failed pass fails the requests it
 * carried, and the engine goes on with the next ones.
 */
final class DecodeEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeEngine.class);

  /** Largest logits block of one prefill pass (floats): bounds memory for big vocabularies. */
  private static final long PREFILL_LOGITS_BUDGET = 32L * 1024 * 1024;

  private final OnnxDecoder decoder;
  private final Set<Long> eosTokenIds;
  private final long padTokenId;
  private final String modelId;
  private final int maxBatchSize;
  private final int maxQueued;
  private final TokenSampler.Scratch scratch;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private final ArrayDeque<Sequence> pending = new ArrayDeque<>();
  private boolean closed;

  private final Thread thread;
  private List<Sequence> active = new ArrayList<>();
  private KvCache cache;

  private volatile long decodeSteps;
  private volatile long prefills;
  private volatile long cacheRebuilds;
  private volatile int maxRows;
  private volatile long generatedTokens;

  DecodeEngine(OnnxDecoder decoder, String modelId, int maxBatchSize, int maxQueued) {
    this.decoder = decoder;
    this.eosTokenIds = decoder.model().eosTokenIds();
    this.padTokenId = decoder.model().padTokenId();
    this.modelId = modelId;
    this.maxBatchSize = maxBatchSize;
    this.maxQueued = maxQueued;
    this.scratch = new TokenSampler.Scratch(decoder.vocab());
    this.thread = Thread.ofPlatform().name("decode-" + modelId).daemon().unstarted(this::run);
    thread.start();
  }

  /** Queues sequences to join the batch together; fails them all if the queue is full. */
  void submit(List<Sequence> sequences) {
    lock.lock();
    try {
      if (closed) {
        throw new GenerationException(sequences.getFirst().request.requestId(), "model is closed");
      }
      if (pending.size() + sequences.size() > maxQueued) {
        throw new GenerationException.OverloadedException(
            sequences.getFirst().request.requestId(), pending.size());
      }
      pending.addAll(sequences);
      wakeUp.signal();
    } finally {
      lock.unlock();
    }
  }

  EngineStats stats() {
    return new EngineStats(decodeSteps, prefills, cacheRebuilds, maxRows, generatedTokens);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      wakeUp.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      List<Sequence> admitted;
      try {
        admitted = admit();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        admitted = null;
      }
      if (admitted == null) {
        break;
      }
      iterate(admitted);
    }
    shutDown();
  }

  private void iterate(List<Sequence> admitted) {
    int finished = 0;
    for (Sequence seq : active) {
      if (seq.abandoned()) {
        seq.drop();
      }
      finished += seq.done() ? 1 : 0;
    }
    admitted.removeIf(Sequence::abandoned);
    KvCache fresh = null;
    if (!admitted.isEmpty()) {
      try {
        fresh = prefill(admitted);
      } catch (OrtException | RuntimeException e) {
        // The running batch is untouched: only the joining requests fail.
        LOG.error("prefill of {} requests failed on {}", admitted.size(), modelId, e);
        fail(admitted, "prefill failed: " + e.getMessage(), e);
        admitted = List.of();
      }
    }
    try {
      // Finished rows stay in the batch (their results are already delivered) until rows join,
      // or until they are at least half the batch: a re-assembly copies the whole cache, a
      // finished row costs only its share of each pass.
      if (fresh != null || (finished > 0 && 2 * finished >= active.size())) {
        regroup(admitted, fresh);
      }
      if (!active.isEmpty()) {
        decodeStep();
      }
    } catch (OrtException | RuntimeException e) {
      LOG.error("decoding {} sequences failed on {}", active.size() + admitted.size(), modelId, e);
      fail(active, "decoding failed: " + e.getMessage(), e);
      fail(admitted, "decoding failed: " + e.getMessage(), e);
      resetBatch();
    }
  }

  /** Waits for work; returns the sequences that join now, or null once closed. */
  private List<Sequence> admit() throws InterruptedException {
    lock.lock();
    try {
      while (!closed && pending.isEmpty() && active.isEmpty()) {
        wakeUp.await();
      }
      if (closed) {
        return null;
      }
      // Finished rows still in the batch leave when others join: they take no slot.
      int live = (int) active.stream().filter(s -> !s.done()).count();
      List<Sequence> joining = new ArrayList<>();
      while (live + joining.size() < maxBatchSize && !pending.isEmpty()) {
        joining.add(pending.poll());
      }
      return joining;
    } finally {
      lock.unlock();
    }
  }

  /** Runs the joining prompts, left-padded to a common length; samples each first token. */
  private KvCache prefill(List<Sequence> joining) throws OrtException {
    int rows = joining.size();
    int width = joining.stream().mapToInt(s -> s.promptIds.length).max().orElseThrow();
    long[] ids = new long[rows * width];
    long[] mask = new long[rows * width];
    long[] positions = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      long[] prompt = joining.get(r).promptIds;
      int pad = width - prompt.length;
      Arrays.fill(ids, r * width, r * width + pad, padTokenId);
      for (int j = 0; j < prompt.length; j++) {
        ids[r * width + pad + j] = prompt[j];
        mask[r * width + pad + j] = 1;
        positions[r * width + pad + j] = j;
      }
    }
    int vocab = decoder.vocab();
    int chunk = (int) Math.max(1, Math.min(width, PREFILL_LOGITS_BUDGET / ((long) rows * vocab)));
    KvCache past = KvCache.empty(decoder.env(), decoder.model(), rows);
    FloatBuffer logits = null;
    int lastCols = 0;
    try {
      for (int start = 0; start < width; start += chunk) {
        int cols = Math.min(chunk, width - start);
        OnnxDecoder.Output out =
            decoder.forward(
                rows,
                cols,
                columns(ids, rows, width, start, cols),
                columns(mask, rows, width, 0, start + cols),
                columns(positions, rows, width, start, cols),
                past);
        past.close();
        past = out.cache();
        logits = out.logits();
        lastCols = cols;
        prefills++;
      }
    } catch (OrtException | RuntimeException e) {
      past.close();
      throw e;
    }
    for (int r = 0; r < rows; r++) {
      Sequence seq = joining.get(r);
      seq.cachedTokens = seq.promptIds.length;
      int offset = (r * lastCols + lastCols - 1) * vocab;
      seq.accept(seq.sampler().next(logits, offset, vocab, scratch), eosTokenIds, modelId);
      generatedTokens++;
    }
    return past;
  }

  /**
   * Re-assembles the cache from the live rows of the running batch and of the prefilled joiners,
   * each right-aligned, the width cut to the longest live row.
   */
  private void regroup(List<Sequence> joining, KvCache fresh) throws OrtException {
    List<Sequence> rows = new ArrayList<>();
    List<KvCache.RowRef> refs = new ArrayList<>();
    for (int r = 0; r < active.size(); r++) {
      Sequence seq = active.get(r);
      if (!seq.done()) {
        rows.add(seq);
        refs.add(new KvCache.RowRef(cache, r, seq.cachedTokens));
      }
    }
    boolean onlyFresh = rows.isEmpty();
    for (int r = 0; r < joining.size(); r++) {
      Sequence seq = joining.get(r);
      if (!seq.done()) {
        rows.add(seq);
        refs.add(new KvCache.RowRef(fresh, r, seq.cachedTokens));
      } else {
        onlyFresh = false;
      }
    }
    KvCache next = null;
    try {
      if (onlyFresh && fresh != null && !rows.isEmpty()) {
        next = fresh; // nothing to merge: the prefill's cache is the batch's cache as it is
      } else if (!rows.isEmpty()) {
        int length = rows.stream().mapToInt(s -> s.cachedTokens).max().orElseThrow();
        next = KvCache.assemble(decoder.env(), decoder.model(), refs, length);
        cacheRebuilds++;
      }
    } finally {
      if (fresh != null && fresh != next) {
        fresh.close();
      }
    }
    if (cache != null) {
      cache.close();
    }
    cache = next;
    active = rows;
  }

  /**
   * Feeds every row its newest token on top of the cache and samples the next one. Finished rows
   * still waiting to be evicted are fed padding and skipped.
   */
  private void decodeStep() throws OrtException {
    int rows = active.size();
    int past = cache.length();
    int total = past + 1;
    long[] ids = new long[rows];
    long[] mask = new long[rows * total];
    long[] positions = new long[rows];
    for (int r = 0; r < rows; r++) {
      Sequence seq = active.get(r);
      ids[r] = seq.done() ? padTokenId : seq.lastToken;
      Arrays.fill(mask, r * total + past - seq.cachedTokens, (r + 1) * total, 1L);
      // A finished row's output is ignored; position 0 keeps it inside any rotary table.
      positions[r] = seq.done() ? 0 : seq.cachedTokens;
    }
    OnnxDecoder.Output out = decoder.forward(rows, 1, ids, mask, positions, cache);
    cache.close();
    cache = out.cache();
    decodeSteps++;
    maxRows = Math.max(maxRows, rows);
    int vocab = decoder.vocab();
    for (int r = 0; r < rows; r++) {
      Sequence seq = active.get(r);
      seq.cachedTokens++;
      if (!seq.done()) {
        seq.accept(
            seq.sampler().next(out.logits(), r * vocab, vocab, scratch), eosTokenIds, modelId);
        generatedTokens++;
      }
    }
  }

  private static void fail(List<Sequence> sequences, String message, Exception cause) {
    for (Sequence seq : sequences) {
      if (!seq.done()) {
        seq.drop();
        seq.future.completeExceptionally(
            new GenerationException(seq.request.requestId(), message, cause));
      }
    }
  }

  private void resetBatch() {
    if (cache != null) {
      cache.close();
      cache = null;
    }
    active = new ArrayList<>();
  }

  private void shutDown() {
    List<Sequence> waiting;
    lock.lock();
    try {
      closed = true;
      waiting = new ArrayList<>(pending);
      pending.clear();
    } finally {
      lock.unlock();
    }
    fail(active, "model closed", null);
    fail(waiting, "model closed", null);
    resetBatch();
  }

  /** Columns [start, start + cols) of a rows x width row-major matrix. */
  private static long[] columns(long[] matrix, int rows, int width, int start, int cols) {
    if (start == 0 && cols == width) {
      return matrix;
    }
    long[] out = new long[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(matrix, r * width + start, out, r * cols, cols);
    }
    return out;
  }
}
