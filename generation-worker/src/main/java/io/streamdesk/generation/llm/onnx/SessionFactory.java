package io.streamdesk.generation.llm.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the decoder's ONNX Runtime session on the configured device. CUDA is used when asked for
 * and this build of ONNX Runtime has a loadable CUDA provider and a visible GPU; otherwise one WARN
 * line says why and the session runs on CPU.
 *
 * <p>On CUDA, ONNX Runtime's Java API (1.29) has no I/O binding and no device-memory tensors:
 * inputs, including the past key/values, are copied to the GPU and the outputs (present key/values,
 * logits) back to the host on every pass. The logits land in a pre-allocated host buffer that is
 * reused; the KV copies grow with context and batch: the main cost left on GPU.
 */
final class SessionFactory {

  private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

  /** An open session and the device it actually runs on. */
  record Opened(OrtSession session, OnnxChatModelConfig.Device device) {}

  private SessionFactory() {}

  static Opened open(OrtEnvironment env, OnnxChatModelConfig config) throws OrtException {
    Path model = config.modelDir().resolve("model.onnx");
    if (!Files.isRegularFile(model)) {
      throw new ModelDirectoryException(config.modelDir(), "model.onnx is missing");
    }
    if (config.device() == OnnxChatModelConfig.Device.CUDA) {
      if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
        LOG.warn(
            "CUDA requested for {} but this ONNX Runtime build has no CUDA provider (build with"
                + " -Pgpu); falling back to CPU",
            config.modelId());
      } else {
        try (OrtSession.SessionOptions options = baseOptions(config)) {
          OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(config.cudaDeviceId());
          // Grow the arena by what is asked: the KV cache changes shape every step.
          cuda.add("arena_extend_strategy", "kSameAsRequested");
          options.addCUDA(cuda);
          OrtSession session = env.createSession(model.toString(), options);
          LOG.info("{} runs on CUDA device {}", config.modelId(), config.cudaDeviceId());
          return new Opened(session, OnnxChatModelConfig.Device.CUDA);
        } catch (OrtException | RuntimeException e) {
          LOG.warn(
              "CUDA requested for {} but the CUDA provider could not start ({}); falling back to"
                  + " CPU",
              config.modelId(),
              firstLine(e.getMessage()));
        }
      }
    }
    try (OrtSession.SessionOptions options = baseOptions(config)) {
      return new Opened(
          env.createSession(model.toString(), options), OnnxChatModelConfig.Device.CPU);
    }
  }

  private static OrtSession.SessionOptions baseOptions(OnnxChatModelConfig config)
      throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    if (config.intraOpThreads() > 0) {
      options.setIntraOpNumThreads(config.intraOpThreads());
    }
    options.addConfigEntry("session.intra_op.allow_spinning", config.allowSpinning() ? "1" : "0");
    return options;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
