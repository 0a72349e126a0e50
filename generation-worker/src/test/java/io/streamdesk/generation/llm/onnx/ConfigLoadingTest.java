package io.streamdesk.generation.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.GenerationException;
import io.streamdesk.generation.llm.GenerationRequest;
import io.streamdesk.generation.llm.GenerationResult;
import io.streamdesk.generation.llm.SamplingParams;
import io.streamdesk.generation.llm.StreamListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoadingTest {

  @Test
  void shouldReadLayerHeadAndEosSettingsFromTheModelDirectory() {
    HfModelConfig config = HfModelConfig.load(TinyLlm.dir());

    assertThat(config.modelType()).isEqualTo("qwen2");
    assertThat(config.numLayers()).isEqualTo(4);
    assertThat(config.numHeads()).isEqualTo(4);
    assertThat(config.numKvHeads()).isEqualTo(2);
    assertThat(config.headDim()).isEqualTo(32);
    assertThat(config.contextLength()).isEqualTo(1024);
    assertThat(config.eosTokenIds()).hasSize(2);
  }

  @Test
  void shouldRejectAnUnsupportedModelType(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("config.json"), "{\"model_type\": \"gpt2\", \"eos_token_id\": 1}");

    assertThatThrownBy(() -> HfModelConfig.load(dir))
        .isInstanceOf(ModelDirectoryException.class)
        .hasMessageContaining("model_type 'gpt2' is not supported");
  }

  @Test
  void shouldRejectHeadCountsThatDoNotGroup(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("config.json"),
        """
        {"model_type": "llama", "num_hidden_layers": 2, "num_attention_heads": 6,
         "num_key_value_heads": 4, "hidden_size": 96, "vocab_size": 10,
         "max_position_embeddings": 64, "eos_token_id": 2}
        """);

    assertThatThrownBy(() -> HfModelConfig.load(dir))
        .isInstanceOf(ModelDirectoryException.class)
        .hasMessageContaining("multiple of num_key_value_heads");
  }

  @Test
  void shouldNameTheMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> OnnxChatModel.open(OnnxChatModelConfig.of(dir)))
        .isInstanceOf(ModelDirectoryException.class)
        .hasMessageContaining("config.json is missing");
  }

  @Test
  void shouldReadPrefixedKeysWithDefaults() {
    OnnxChatModelConfig config =
        OnnxChatModelConfig.fromMap(
            Map.of("generation.onnx.model-dir", "/models/qwen2", "generation.onnx.device", "CUDA"));

    assertThat(config.modelDir()).isEqualTo(Path.of("/models/qwen2"));
    assertThat(config.device()).isEqualTo(OnnxChatModelConfig.Device.CUDA);
    assertThat(config.maxBatchSize()).isEqualTo(16);
    assertThat(config.maxQueued()).isEqualTo(256);
    assertThat(config.intraOpThreads()).isZero();
    assertThat(config.modelId()).isEqualTo("qwen2");
  }

  @Test
  void shouldExplainInvalidValues() {
    assertThatThrownBy(() -> OnnxChatModelConfig.fromMap(Map.of("device", "cpu")))
        .hasMessageContaining("generation.onnx.model-dir is required");
    assertThatThrownBy(() -> OnnxChatModelConfig.fromMap(Map.of("model-dir", "m", "device", "tpu")))
        .hasMessageContaining("device must be cpu or cuda");
    assertThatThrownBy(
            () -> OnnxChatModelConfig.fromMap(Map.of("model-dir", "m", "max-batch-size", "0")))
        .hasMessageContaining("max-batch-size must be >= 1");
    assertThatThrownBy(
            () -> OnnxChatModelConfig.fromMap(Map.of("model-dir", "m", "max-queued", "x")))
        .hasMessageContaining("max-queued must be an integer");
  }

  @Test
  void shouldDefaultSamplingToTheDesignValues() {
    SamplingParams defaults = SamplingParams.defaults();

    assertThat(defaults.temperature()).isEqualTo(0.3);
    assertThat(defaults.topP()).isEqualTo(0.8);
    assertThat(defaults.repetitionPenalty()).isEqualTo(1.1);
    assertThatThrownBy(() -> defaults.withTopP(0)).hasMessageContaining("topP must be in (0, 1]");
    assertThatThrownBy(() -> defaults.withStopStrings(List.of("")))
        .hasMessageContaining("stop strings");
  }

  @Test
  void shouldFailUnfinishedRequestsWhenClosed() {
    // Given a model busy with a long reply
    OnnxChatModel model = OnnxChatModel.open(OnnxChatModelConfig.of(TinyLlm.dir()));
    CompletableFuture<GenerationResult> running =
        model.generate(
            new GenerationRequest(
                "long",
                List.of(ChatMessage.user("Hi")),
                SamplingParams.greedy(500).withMinNewTokens(500)),
            StreamListener.NONE);

    // When it is closed
    model.close();

    // Then the request fails with a typed error instead of hanging
    assertThatThrownBy(running::join)
        .hasCauseInstanceOf(GenerationException.class)
        .hasMessageContaining("model closed");
    assertThat(
            model.generate(
                GenerationRequest.of("late", List.of(ChatMessage.user("Hi"))), StreamListener.NONE))
        .isCompletedExceptionally();
  }

  @Test
  void shouldFallBackToCpuWhenCudaIsUnavailable() {
    // This build has the CPU-only ONNX Runtime (CI has no GPU): asking for CUDA must still work
    try (OnnxChatModel model =
        OnnxChatModel.open(
            OnnxChatModelConfig.of(TinyLlm.dir()).withDevice(OnnxChatModelConfig.Device.CUDA))) {
      assertThat(model.device()).isEqualTo(OnnxChatModelConfig.Device.CPU);
      assertThat(model.info().contextLength()).isEqualTo(1024);
    }
  }
}
