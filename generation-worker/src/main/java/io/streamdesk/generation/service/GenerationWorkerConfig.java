package io.streamdesk.generation.service;

import io.streamdesk.generation.guard.GuardSettings;
import io.streamdesk.generation.llm.SamplingParams;
import io.streamdesk.generation.llm.extractive.ExtractiveSettings;
import io.streamdesk.generation.llm.onnx.OnnxChatModelConfig;
import io.streamdesk.generation.llm.openai.OpenAiConfig;
import io.streamdesk.generation.prompt.PromptSettings;
import io.streamdesk.generation.worker.WorkerSettings;
import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The generation worker's whole configuration: which backend writes replies ({@code
 * generation.backend}), how it samples, and the settings of the worker loop, the prompt, the output
 * guard, the extractive answerer and the ONNX and OpenAI-compatible backends. {@link #DEFINITION}
 * documents every key; {@link #load} validates them all at once, including the keys a chosen
 * backend requires.
 *
 * @param kafka brokers, registry, topic names
 * @param backend which backend drafts replies
 * @param worker the consume-generate-commit loop
 * @param sampling decoding parameters for model backends
 * @param prompt prompt assembly and budget
 * @param guard output guard
 * @param extractive extractive answers (the backend, and every fallback)
 * @param openai the OpenAI-compatible server, when {@code backend = openai}, else null
 * @param onnx the ONNX model, when {@code backend = onnx}, else null
 */
public record GenerationWorkerConfig(
    KafkaSettings kafka,
    Backend backend,
    WorkerSettings worker,
    SamplingParams sampling,
    PromptSettings prompt,
    GuardSettings guard,
    ExtractiveSettings extractive,
    OpenAiConfig openai,
    OnnxChatModelConfig onnx) {

  /** The backends a worker can draft replies with. */
  public enum Backend {
    /** No model: FAQ answers and the most relevant sentences of the passages. */
    EXTRACTIVE,
    /** A local decoder model on ONNX Runtime (generation.onnx.*). */
    ONNX,
    /** An OpenAI-compatible chat-completions server (generation.openai.*). */
    OPENAI
  }

  public static final ConfigKey<Backend> BACKEND =
      ConfigKey.enumKey("generation.backend", Backend.class)
          .withDefault(Backend.EXTRACTIVE)
          .withDoc(
              "Who writes replies: extractive (no model; the demo default), onnx (a local model,"
                  + " generation.onnx.model-dir) or openai (an OpenAI-compatible server,"
                  + " generation.openai.base-url and .model).");

  public static final ConfigKey<Integer> MAX_NEW_TOKENS =
      ConfigKey.integer("generation.max-new-tokens")
          .withDefault(SamplingParams.DEFAULT_MAX_NEW_TOKENS)
          .withDoc("Most tokens a model may generate for one reply.")
          .withValidator(ConfigValidator.between(1, 32_768));

  public static final ConfigKey<Double> TEMPERATURE =
      ConfigKey.decimal("generation.temperature")
          .withDefault(SamplingParams.DEFAULT_TEMPERATURE)
          .withDoc("Sampling temperature; 0 is greedy decoding.")
          .withValidator(ConfigValidator.between(0.0, 5.0));

  public static final ConfigKey<Double> TOP_P =
      ConfigKey.decimal("generation.top-p")
          .withDefault(SamplingParams.DEFAULT_TOP_P)
          .withDoc("Nucleus sampling: the smallest token set reaching this probability; 1 = off.")
          .withValidator(
              ConfigValidator.of(
                  (Double p) -> p > 0 && p <= 1, "must be greater than 0 and at most 1"));

  public static final ConfigKey<Integer> TOP_K =
      ConfigKey.integer("generation.top-k")
          .withDefault(0)
          .withDoc("Keep only the k most likely tokens; 0 = off.")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Double> REPETITION_PENALTY =
      ConfigKey.decimal("generation.repetition-penalty")
          .withDefault(SamplingParams.DEFAULT_REPETITION_PENALTY)
          .withDoc(
              "Penalty on tokens already in the prompt or reply (Hugging Face style); 1 = off.")
          .withValidator(ConfigValidator.between(0.01, 10.0));

  public static final ConfigKey<Long> SEED =
      ConfigKey.longKey("generation.seed")
          .withDoc(
              "Sampling seed for every request; unset = derived from each message id, so a request"
                  + " redone after a takeover samples the same reply.");

  public static final ConfigKey<Path> ONNX_MODEL_DIR =
      ConfigKey.path(OnnxChatModelConfig.PREFIX + "model-dir")
          .withDoc(
              "Model directory in the Hugging Face Optimum text-generation-with-past layout;"
                  + " required with generation.backend=onnx.");

  public static final ConfigKey<OnnxChatModelConfig.Device> ONNX_DEVICE =
      ConfigKey.enumKey(OnnxChatModelConfig.PREFIX + "device", OnnxChatModelConfig.Device.class)
          .withDefault(OnnxChatModelConfig.Device.CPU)
          .withDoc(
              "cpu or cuda; cuda needs the GPU build (-Pgpu) and falls back to cpu with a log line.");

  public static final ConfigKey<Integer> ONNX_CUDA_DEVICE_ID =
      ConfigKey.integer(OnnxChatModelConfig.PREFIX + "cuda-device-id")
          .withDefault(0)
          .withDoc("Which GPU runs the model.")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Integer> ONNX_INTRA_OP_THREADS =
      ConfigKey.integer(OnnxChatModelConfig.PREFIX + "intra-op-threads")
          .withDefault(0)
          .withDoc("Threads one forward pass may use; 0 lets ONNX Runtime choose.")
          .withValidator(ConfigValidator.atLeast(0));

  public static final ConfigKey<Boolean> ONNX_ALLOW_SPINNING =
      ConfigKey.bool(OnnxChatModelConfig.PREFIX + "allow-spinning")
          .withDefault(false)
          .withDoc("Let idle ONNX Runtime threads spin: faster on a dedicated machine.");

  public static final ConfigKey<Integer> ONNX_MAX_BATCH_SIZE =
      ConfigKey.integer(OnnxChatModelConfig.PREFIX + "max-batch-size")
          .withDefault(16)
          .withDoc("Sequences decoded together in one forward pass.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Integer> ONNX_MAX_QUEUED =
      ConfigKey.integer(OnnxChatModelConfig.PREFIX + "max-queued")
          .withDefault(256)
          .withDoc("Requests waiting to join the batch before new ones are refused.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<String> ONNX_MODEL_ID =
      ConfigKey.string(OnnxChatModelConfig.PREFIX + "model-id")
          .withDoc("Model name recorded on replies (onnx:NAME); default: the directory's name.");

  /** The worker's own keys (the shared Kafka keys are documented by the runtime). */
  public static final ConfigDefinition DEFINITION =
      ConfigDefinition.of(
              "generation-worker",
              BACKEND,
              MAX_NEW_TOKENS,
              TEMPERATURE,
              TOP_P,
              TOP_K,
              REPETITION_PENALTY,
              SEED,
              ONNX_MODEL_DIR,
              ONNX_DEVICE,
              ONNX_CUDA_DEVICE_ID,
              ONNX_INTRA_OP_THREADS,
              ONNX_ALLOW_SPINNING,
              ONNX_MAX_BATCH_SIZE,
              ONNX_MAX_QUEUED,
              ONNX_MODEL_ID)
          .including(
              WorkerSettings.DEFINITION,
              PromptSettings.DEFINITION,
              GuardSettings.DEFINITION,
              ExtractiveSettings.DEFINITION,
              OpenAiConfig.DEFINITION);

  /** Every key the service reads, shared Kafka keys included. */
  public static final ConfigDefinition SERVICE_DEFINITION =
      DEFINITION.including(KafkaSettings.DEFINITION);

  public GenerationWorkerConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(extractive, "extractive");
    if (backend == Backend.OPENAI) {
      Objects.requireNonNull(openai, "generation.backend=openai needs generation.openai.*");
    }
    if (backend == Backend.ONNX) {
      Objects.requireNonNull(onnx, "generation.backend=onnx needs generation.onnx.model-dir");
    }
  }

  /** Resolves and validates every key; all problems are reported together. */
  public static GenerationWorkerConfig load(Configuration configuration) {
    ConfigValues values = configuration.resolve(SERVICE_DEFINITION);
    return from(values, KafkaSettings.from(values));
  }

  /**
   * The configuration from resolved values of a definition that includes {@link #DEFINITION}, with
   * the Kafka settings the service host already has.
   *
   * @throws ConfigException listing every problem, e.g. a key the chosen backend requires
   */
  public static GenerationWorkerConfig from(ConfigValues values, KafkaSettings kafka) {
    List<String> problems = new ArrayList<>();
    Backend backend = values.get(BACKEND);
    SamplingParams sampling = null;
    try {
      sampling =
          new SamplingParams(
              values.get(MAX_NEW_TOKENS),
              values.get(TEMPERATURE),
              values.get(TOP_P),
              values.get(TOP_K),
              values.get(REPETITION_PENALTY),
              List.of(),
              values.find(SEED).orElse(null),
              0);
    } catch (IllegalArgumentException e) {
      problems.add("sampling: " + e.getMessage());
    }
    OpenAiConfig openai = null;
    if (backend == Backend.OPENAI) {
      if (values.find(OpenAiConfig.BASE_URL).isEmpty()) {
        problems.add(OpenAiConfig.BASE_URL.name() + ": required with generation.backend=openai");
      }
      if (values.find(OpenAiConfig.MODEL).filter(m -> !m.isBlank()).isEmpty()) {
        problems.add(OpenAiConfig.MODEL.name() + ": required with generation.backend=openai");
      }
      if (problems.isEmpty()) {
        openai = OpenAiConfig.from(values);
      }
    }
    OnnxChatModelConfig onnx = null;
    if (backend == Backend.ONNX) {
      if (values.find(ONNX_MODEL_DIR).isEmpty()) {
        problems.add(ONNX_MODEL_DIR.name() + ": required with generation.backend=onnx");
      } else {
        onnx =
            new OnnxChatModelConfig(
                values.get(ONNX_MODEL_DIR),
                values.get(ONNX_DEVICE),
                values.get(ONNX_CUDA_DEVICE_ID),
                values.get(ONNX_INTRA_OP_THREADS),
                values.get(ONNX_ALLOW_SPINNING),
                values.get(ONNX_MAX_BATCH_SIZE),
                values.get(ONNX_MAX_QUEUED),
                values.find(ONNX_MODEL_ID).orElse(null));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException("generation-worker", problems);
    }
    WorkerSettings worker = WorkerSettings.from(values);
    // Workers of a prefixed (replay) pipeline form their own group.
    worker = worker.withGroupId(kafka.topicPrefix() + worker.groupId());
    return new GenerationWorkerConfig(
        kafka,
        backend,
        worker,
        sampling,
        PromptSettings.from(values),
        GuardSettings.from(values),
        ExtractiveSettings.from(values),
        openai,
        onnx);
  }
}
