package io.streamdesk.knowledge.encoder;

import java.util.Objects;

/**
 * Runtime settings of an {@link OnnxEncoder}.
 *
 * @param intraOpThreads threads ONNX Runtime uses inside one model run; 0 (default) = one per
 *     available processor
 * @param maxBatchSize texts per model run in {@link Encoder#embedAll}; default 32
 * @param provider CPU, CUDA or AUTO (default: CUDA when the GPU build is present and works)
 * @param cudaDevice CUDA device ordinal; default 0
 */
public record EncoderConfig(
    int intraOpThreads, int maxBatchSize, ExecutionProvider provider, int cudaDevice) {

  public static final int DEFAULT_MAX_BATCH_SIZE = 32;

  public EncoderConfig {
    Objects.requireNonNull(provider, "provider");
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException(
          "intraOpThreads must be >= 0 (0 = all processors), was " + intraOpThreads);
    }
    if (maxBatchSize < 1 || maxBatchSize > 4096) {
      throw new IllegalArgumentException("maxBatchSize must be in [1, 4096], was " + maxBatchSize);
    }
    if (cudaDevice < 0) {
      throw new IllegalArgumentException("cudaDevice must be >= 0, was " + cudaDevice);
    }
  }

  public static EncoderConfig defaults() {
    return new EncoderConfig(0, DEFAULT_MAX_BATCH_SIZE, ExecutionProvider.AUTO, 0);
  }

  public EncoderConfig withIntraOpThreads(int threads) {
    return new EncoderConfig(threads, maxBatchSize, provider, cudaDevice);
  }

  public EncoderConfig withProvider(ExecutionProvider p) {
    return new EncoderConfig(intraOpThreads, maxBatchSize, p, cudaDevice);
  }

  public EncoderConfig withMaxBatchSize(int size) {
    return new EncoderConfig(intraOpThreads, size, provider, cudaDevice);
  }
}
