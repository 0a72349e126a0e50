package io.streamdesk.generation.llm.onnx;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the ONNX decoder backend. Keys (with the {@code generation.onnx.} prefix in
 * service configuration), defaults and rules:
 *
 * <ul>
 *   <li>{@code model-dir} (required): a Hugging Face Optimum {@code text-generation-with-past}
 *       export with config.json, tokenizer.json and tokenizer_config.json.
 *   <li>{@code device} = {@code cpu}: {@code cpu} or {@code cuda}. CUDA needs the GPU build ({@code
 *       -Pgpu}); without a usable CUDA provider the model logs one line and runs on CPU.
 *   <li>{@code cuda-device-id} = 0: which GPU.
 *   <li>{@code intra-op-threads} = 0: threads one forward pass may use; 0 lets ONNX Runtime pick
 *       (one per physical core).
 *   <li>{@code allow-spinning} = false: let ONNX Runtime's idle worker threads spin between passes;
 *       faster on a dedicated machine, wasteful where cores are shared.
 *   <li>{@code max-batch-size} = 16: sequences decoded together (rows of one forward pass).
 *   <li>{@code max-queued} = 256: requests waiting to join the batch; beyond that {@code generate}
 *       fails fast with an OverloadedException.
 *   <li>{@code model-id} = the model directory's name: recorded on replies.
 * </ul>
 */
public record OnnxChatModelConfig(
    Path modelDir,
    Device device,
    int cudaDeviceId,
    int intraOpThreads,
    boolean allowSpinning,
    int maxBatchSize,
    int maxQueued,
    String modelId) {

  /** Where forward passes run. */
  public enum Device {
    CPU,
    CUDA
  }

  public static final String PREFIX = "generation.onnx.";

  public OnnxChatModelConfig {
    Objects.requireNonNull(modelDir, "model-dir is required");
    Objects.requireNonNull(device, "device");
    require(cudaDeviceId >= 0, "cuda-device-id must be >= 0, got " + cudaDeviceId);
    require(intraOpThreads >= 0, "intra-op-threads must be >= 0 (0 = auto), got " + intraOpThreads);
    require(maxBatchSize >= 1, "max-batch-size must be >= 1, got " + maxBatchSize);
    require(maxQueued >= 1, "max-queued must be >= 1, got " + maxQueued);
    if (modelId == null || modelId.isBlank()) {
      Path name = modelDir.toAbsolutePath().normalize().getFileName();
      modelId = name == null ? "onnx" : name.toString();
    }
  }

  /** Defaults for everything but the model directory. */
  public static OnnxChatModelConfig of(Path modelDir) {
    return new OnnxChatModelConfig(modelDir, Device.CPU, 0, 0, false, 16, 256, null);
  }

  /** Reads the keys documented above from {@code props} (with or without the prefix). */
  public static OnnxChatModelConfig fromMap(Map<String, String> props) {
    String dir = get(props, "model-dir", null);
    if (dir == null || dir.isBlank()) {
      throw new IllegalArgumentException(PREFIX + "model-dir is required");
    }
    String device = get(props, "device", "cpu").trim().toUpperCase(Locale.ROOT);
    Device parsed;
    try {
      parsed = Device.valueOf(device);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          PREFIX + "device must be cpu or cuda, got '" + device.toLowerCase(Locale.ROOT) + "'", e);
    }
    return new OnnxChatModelConfig(
        Path.of(dir),
        parsed,
        integer(props, "cuda-device-id", 0),
        integer(props, "intra-op-threads", 0),
        bool(props, "allow-spinning", false),
        integer(props, "max-batch-size", 16),
        integer(props, "max-queued", 256),
        get(props, "model-id", null));
  }

  public OnnxChatModelConfig withDevice(Device value) {
    return new OnnxChatModelConfig(
        modelDir,
        value,
        cudaDeviceId,
        intraOpThreads,
        allowSpinning,
        maxBatchSize,
        maxQueued,
        modelId);
  }

  public OnnxChatModelConfig withIntraOpThreads(int value) {
    return new OnnxChatModelConfig(
        modelDir, device, cudaDeviceId, value, allowSpinning, maxBatchSize, maxQueued, modelId);
  }

  public OnnxChatModelConfig withAllowSpinning(boolean value) {
    return new OnnxChatModelConfig(
        modelDir, device, cudaDeviceId, intraOpThreads, value, maxBatchSize, maxQueued, modelId);
  }

  public OnnxChatModelConfig withMaxBatchSize(int value) {
    return new OnnxChatModelConfig(
        modelDir, device, cudaDeviceId, intraOpThreads, allowSpinning, value, maxQueued, modelId);
  }

  private static String get(Map<String, String> props, String key, String fallback) {
    String value = props.get(PREFIX + key);
    if (value == null) {
      value = props.get(key);
    }
    return value == null ? fallback : value;
  }

  private static int integer(Map<String, String> props, String key, int fallback) {
    String value = get(props, key, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          PREFIX + key + " must be an integer, got '" + value + "'", e);
    }
  }

  private static boolean bool(Map<String, String> props, String key, boolean fallback) {
    String value = get(props, key, null);
    if (value == null) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              PREFIX + key + " must be true or false, got '" + value + "'");
    };
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(PREFIX + message);
    }
  }
}
