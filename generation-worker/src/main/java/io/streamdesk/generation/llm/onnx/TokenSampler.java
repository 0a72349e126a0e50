package io.streamdesk.generation.llm.onnx;

import io.streamdesk.generation.llm.SamplingParams;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Picks one sequence's next token from its logits, in Hugging Face's order: repetition penalty
 * (over prompt and reply tokens), then greedy argmax, or temperature, top-k, top-p and a draw from
 * the sequence's own seeded random generator (so a seeded request is reproducible whatever else is
 * in the batch). Not thread-safe: one per sequence; the scratch array belongs to the engine thread.
 */
final class TokenSampler {

  /**
   * Tokens below this fraction of the most likely token's probability are left out of the top-p
   * sort when the rest already reaches top-p mass; exact, and avoids sorting a 150k vocabulary.
   */
  private static final double TOP_P_PREFILTER = 1e-4;

  private final SamplingParams params;
  private final SplittableRandom random;
  private final BitSet seen = new BitSet();

  TokenSampler(SamplingParams params, long[] promptIds) {
    this.params = params;
    this.random =
        params.seed() == null ? new SplittableRandom() : new SplittableRandom(params.seed());
    for (long id : promptIds) {
      seen.set((int) id);
    }
  }

  /**
   * The next token from {@code vocab} logits starting at {@code offset} in {@code logits}; {@code
   * scratch} must hold at least {@code vocab} floats.
   */
  long next(FloatBuffer logits, int offset, int vocab, float[] scratch) {
    logits.get(offset, scratch, 0, vocab);
    applyRepetitionPenalty(scratch, vocab);
    int token = params.isGreedy() ? argmax(scratch, vocab) : sample(scratch, vocab);
    seen.set(token);
    return token;
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

  static int argmax(float[] logits, int vocab) {
    int best = 0;
    for (int i = 1; i < vocab; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  private int sample(float[] logits, int vocab) {
    float invTemperature = (float) (1.0 / params.temperature());
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < vocab; i++) {
      logits[i] *= invTemperature;
      max = Math.max(max, logits[i]);
    }
    float floor = params.topK() > 0 && params.topK() < vocab ? kthLargest(logits, vocab) : -1e30f;
    // Unnormalised probabilities; tokens outside top-k get 0.
    double total = 0;
    for (int i = 0; i < vocab; i++) {
      double p = logits[i] >= floor ? Math.exp(logits[i] - max) : 0;
      logits[i] = (float) p;
      total += p;
    }
    if (params.topP() < 1) {
      return sampleNucleus(logits, vocab, total);
    }
    double r = random.nextDouble() * total;
    double sum = 0;
    int last = 0;
    for (int i = 0; i < vocab; i++) {
      if (logits[i] > 0) {
        sum += logits[i];
        last = i;
        if (sum > r) {
          return i;
        }
      }
    }
    return last;
  }

  private int sampleNucleus(float[] probs, int vocab, double total) {
    // Unnormalised, the most likely token weighs exp(0) = 1: the threshold is relative to it.
    int[] candidates = candidates(probs, vocab, TOP_P_PREFILTER, total);
    if (candidates == null) {
      candidates = candidates(probs, vocab, 0, total);
    }
    Integer[] order = Arrays.stream(candidates).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order, Comparator.<Integer>comparingDouble(i -> -probs[i]).thenComparingInt(i -> i));
    double target = params.topP() * total;
    double mass = 0;
    int keep = 0;
    while (keep < order.length) {
      mass += probs[order[keep++]];
      if (mass >= target) {
        break;
      }
    }
    double r = random.nextDouble() * mass;
    double sum = 0;
    for (int i = 0; i < keep; i++) {
      sum += probs[order[i]];
      if (sum > r) {
        return order[i];
      }
    }
    return order[keep - 1];
  }

  /**
   * Tokens with probability >= threshold (relative to the top token), or null if they miss top-p
   * mass.
   */
  private int[] candidates(float[] probs, int vocab, double threshold, double total) {
    int[] out = new int[vocab];
    int n = 0;
    double mass = 0;
    for (int i = 0; i < vocab; i++) {
      if (probs[i] > 0 && probs[i] >= threshold) {
        out[n++] = i;
        mass += probs[i];
      }
    }
    if (threshold > 0 && mass < params.topP() * total) {
      return null;
    }
    return Arrays.copyOf(out, n);
  }

  private float kthLargest(float[] logits, int vocab) {
    PriorityQueue<Float> heap = new PriorityQueue<>(params.topK());
    for (int i = 0; i < vocab; i++) {
      if (heap.size() < params.topK()) {
        heap.add(logits[i]);
      } else if (logits[i] > heap.peek()) {
        heap.poll();
        heap.add(logits[i]);
      }
    }
    return heap.peek();
  }
}
