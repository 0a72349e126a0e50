package io.streamdesk.generation.llm.onnx;

import io.streamdesk.generation.llm.SamplingParams;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Picks one sequence's next token from its logits, in Hugging Face's order: end tokens suppressed
 * until min_new_tokens, repetition penalty (over prompt and reply tokens), then greedy argmax, or
 * temperature, top-k, top-p and a draw from the sequence's own seeded generator (so a seeded
 * request is reproducible whatever else is in the batch). Not thread-safe: one per sequence; the
 * scratch arrays belong to the engine thread.
 *
 * <p>Sampling looks only at tokens whose scaled logit is within {@value #NEGLIGIBLE_GAP} of the
 * best: the others weigh less than e^-30 each, which stays below float rounding even summed over a
 * 150k vocabulary. That keeps a draw to one pass over the vocabulary plus a sort of the few
 * candidates, instead of an exp and a sort over every token.
 */
final class TokenSampler {

  static final float NEGLIGIBLE_GAP = 30f;

  /** Reusable per-engine buffers: logits of one row and candidate keys. */
  static final class Scratch {
    final float[] logits;
    final long[] keys;

    Scratch(int vocab) {
      logits = new float[vocab];
      keys = new long[vocab];
    }
  }

  private final SamplingParams params;
  private final SplittableRandom random;
  private final BitSet seen = new BitSet();
  private final long[] eosTokenIds;
  private int drawn;

  TokenSampler(SamplingParams params, long[] promptIds) {
    this(params, promptIds, Set.of());
  }

  /** With the end-of-sequence ids to suppress until {@link SamplingParams#minNewTokens()}. */
  TokenSampler(SamplingParams params, long[] promptIds, Set<Long> eosTokenIds) {
    this.params = params;
    this.eosTokenIds = eosTokenIds.stream().mapToLong(Long::longValue).toArray();
    this.random =
        params.seed() == null ? new SplittableRandom() : new SplittableRandom(params.seed());
    for (long id : promptIds) {
      seen.set((int) id);
    }
  }

  /** The next token from {@code vocab} logits starting at {@code offset} in {@code logits}. */
  long next(FloatBuffer logits, int offset, int vocab, Scratch scratch) {
    float[] row = scratch.logits;
    logits.get(offset, row, 0, vocab);
    if (drawn++ < params.minNewTokens()) {
      for (long eos : eosTokenIds) {
        if (eos < vocab) {
          row[(int) eos] = Float.NEGATIVE_INFINITY;
        }
      }
    }
    applyRepetitionPenalty(row, vocab);
    int token = params.isGreedy() ? argmax(row, vocab) : sample(row, vocab, scratch.keys);
    seen.set(token);
    return token;
  }

  static int argmax(float[] logits, int vocab) {
    int best = 0;
    for (int i = 1; i < vocab; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  private void applyRepetitionPenalty(float[] logits, int vocab) {
    float penalty = (float) params.repetitionPenalty();
    if (penalty == 1f) {
      return;
    }
    for (int id = seen.nextSetBit(0); id >= 0 && id < vocab; id = seen.nextSetBit(id + 1)) {
      float l = logits[id];
      logits[id] = l > 0 ? l / penalty : l * penalty;
    }
  }

  private int sample(float[] logits, int vocab, long[] keys) {
    float invTemperature = (float) (1.0 / params.temperature());
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < vocab; i++) {
      logits[i] *= invTemperature;
      max = Math.max(max, logits[i]);
    }
    // Candidates, most likely first (ties: lower id first), as sortable keys.
    float cutoff = max - NEGLIGIBLE_GAP;
    int n = 0;
    for (int i = 0; i < vocab; i++) {
      if (logits[i] >= cutoff) {
        keys[n++] = key(logits[i], i);
      }
    }
    Arrays.sort(keys, 0, n);
    if (params.topK() > 0 && params.topK() < n) {
      n = params.topK();
    }
    double total = 0;
    for (int j = 0; j < n; j++) {
      total += Math.exp(logits[id(keys[j])] - max);
    }
    double target = params.topP() < 1 ? params.topP() * total : total;
    double mass = 0;
    int keep = 0;
    while (keep < n) {
      mass += Math.exp(logits[id(keys[keep++])] - max);
      if (mass >= target) {
        break;
      }
    }
    double r = random.nextDouble() * mass;
    double sum = 0;
    for (int j = 0; j < keep; j++) {
      sum += Math.exp(logits[id(keys[j])] - max);
      if (sum > r) {
        return id(keys[j]);
      }
    }
    return id(keys[keep - 1]);
  }

  /** Sorts ascending by descending logit, then ascending id. */
  private static long key(float logit, int id) {
    int bits = Float.floatToIntBits(logit);
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff); // signed order = float order
    return ((long) ~sortable << 32) | id;
  }

  private static int id(long key) {
    return (int) key;
  }
}
