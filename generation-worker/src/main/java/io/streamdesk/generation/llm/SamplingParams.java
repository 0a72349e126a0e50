package io.streamdesk.generation.llm;

import java.util.List;
import java.util.Objects;

/**
 * How tokens are chosen. Defaults follow the source design: temperature 0.3, top-p 0.8, repetition
 * penalty 1.1.
 *
 * @param maxNewTokens upper bound on generated tokens (>= 1); the model's context length may end a
 *     generation earlier, with {@link FinishReason#LENGTH} either way
 * @param temperature 0 means greedy (argmax); otherwise logits are divided by it before sampling
 * @param topP nucleus sampling: keep the smallest set of tokens whose probability reaches it, in
 *     (0, 1]; 1 disables it
 * @param topK keep the k most likely tokens; 0 disables it
 * @param repetitionPenalty divides positive (multiplies negative) logits of tokens already in the
 *     prompt or the reply, as Hugging Face does; 1 disables it
 * @param stopStrings generation stops before the first occurrence of any of these; they are not
 *     part of the reply
 * @param seed seeds the sampler so a request is reproducible; null for a random seed
 * @param minNewTokens end-of-sequence tokens are suppressed until this many tokens were generated
 *     (Hugging Face's min_new_tokens; benchmarks use it for fixed-length replies); 0 disables it
 */
public record SamplingParams(
    int maxNewTokens,
    double temperature,
    double topP,
    int topK,
    double repetitionPenalty,
    List<String> stopStrings,
    Long seed,
    int minNewTokens) {

  public static final int DEFAULT_MAX_NEW_TOKENS = 256;
  public static final double DEFAULT_TEMPERATURE = 0.3;
  public static final double DEFAULT_TOP_P = 0.8;
  public static final double DEFAULT_REPETITION_PENALTY = 1.1;

  public SamplingParams {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 = off), got " + topK);
    }
    if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
      throw new IllegalArgumentException(
          "repetitionPenalty must be > 0 (1 = off), got " + repetitionPenalty);
    }
    stopStrings = List.copyOf(Objects.requireNonNull(stopStrings, "stopStrings"));
    if (stopStrings.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("stop strings must not be empty");
    }
    if (minNewTokens < 0) {
      throw new IllegalArgumentException("minNewTokens must be >= 0, got " + minNewTokens);
    }
  }

  /** The source design's defaults: temperature 0.3, top-p 0.8, repetition penalty 1.1. */
  public static SamplingParams defaults() {
    return new SamplingParams(
        DEFAULT_MAX_NEW_TOKENS,
        DEFAULT_TEMPERATURE,
        DEFAULT_TOP_P,
        0,
        DEFAULT_REPETITION_PENALTY,
        List.of(),
        null,
        0);
  }

  /** Plain greedy decoding: argmax at every step, no repetition penalty. */
  public static SamplingParams greedy(int maxNewTokens) {
    return new SamplingParams(maxNewTokens, 0, 1, 0, 1, List.of(), null, 0);
  }

  public boolean isGreedy() {
    return temperature == 0;
  }

  public SamplingParams withMaxNewTokens(int value) {
    return new SamplingParams(
        value, temperature, topP, topK, repetitionPenalty, stopStrings, seed, minNewTokens);
  }

  public SamplingParams withTemperature(double value) {
    return new SamplingParams(
        maxNewTokens, value, topP, topK, repetitionPenalty, stopStrings, seed, minNewTokens);
  }

  public SamplingParams withTopP(double value) {
    return new SamplingParams(
        maxNewTokens, temperature, value, topK, repetitionPenalty, stopStrings, seed, minNewTokens);
  }

  public SamplingParams withTopK(int value) {
    return new SamplingParams(
        maxNewTokens, temperature, topP, value, repetitionPenalty, stopStrings, seed, minNewTokens);
  }

  public SamplingParams withRepetitionPenalty(double value) {
    return new SamplingParams(
        maxNewTokens, temperature, topP, topK, value, stopStrings, seed, minNewTokens);
  }

  public SamplingParams withStopStrings(List<String> value) {
    return new SamplingParams(
        maxNewTokens, temperature, topP, topK, repetitionPenalty, value, seed, minNewTokens);
  }

  public SamplingParams withMinNewTokens(int value) {
    return new SamplingParams(
        maxNewTokens, temperature, topP, topK, repetitionPenalty, stopStrings, seed, value);
  }

  public SamplingParams withSeed(Long value) {
    return new SamplingParams(
        maxNewTokens, temperature, topP, topK, repetitionPenalty, stopStrings, value, minNewTokens);
  }
}
