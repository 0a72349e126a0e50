package io.streamdesk.generation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.generation.guard.GuardSettings;
import io.streamdesk.generation.worker.WorkerSettings;
import io.streamdesk.runtime.config.ConfigDefinitionProvider;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.service.ServiceFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationWorkerConfigTest {

  @Test
  void shouldDefaultToTheExtractiveBackendWithTheDocumentedSettings() {
    GenerationWorkerConfig config = GenerationWorkerConfig.load(Configuration.of(Map.of()));

    assertThat(config.backend()).isEqualTo(GenerationWorkerConfig.Backend.EXTRACTIVE);
    WorkerSettings worker = config.worker();
    assertThat(worker.maxInFlight()).isEqualTo(8);
    assertThat(worker.retryAttempts()).isEqualTo(3);
    assertThat(worker.retryDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(worker.retryDelay(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(worker.deadlineAction()).isEqualTo(WorkerSettings.DeadlineAction.FALLBACK);
    assertThat(worker.exhaustedAction()).isEqualTo(WorkerSettings.ExhaustedAction.FALLBACK);
    assertThat(worker.shutdownMode()).isEqualTo(WorkerSettings.ShutdownMode.DRAIN);
    assertThat(worker.groupId()).isEqualTo("generation-worker");
    assertThat(config.sampling().temperature()).isEqualTo(0.3);
    assertThat(config.sampling().topP()).isEqualTo(0.8);
    assertThat(config.sampling().repetitionPenalty()).isEqualTo(1.1);
    assertThat(config.guard().groundingThreshold()).isEqualTo(0.5);
    assertThat(config.guard().ungroundedAction())
        .isEqualTo(GuardSettings.UngroundedAction.EXTRACTIVE);
    assertThat(config.openai()).isNull();
    assertThat(config.onnx()).isNull();
  }

  @Test
  void shouldReportEveryKeyTheOpenAiBackendNeedsAtOnce() {
    Configuration configuration = Configuration.of(Map.of("generation.backend", "openai"));

    assertThatThrownBy(() -> GenerationWorkerConfig.load(configuration))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(2)
                    .anyMatch(p -> p.startsWith("generation.openai.base-url"))
                    .anyMatch(p -> p.startsWith("generation.openai.model")));
  }

  @Test
  void shouldReadTheOpenAiBackendAndNeverPrintItsKey() {
    Configuration configuration =
        Configuration.of(
            Map.of(
                "generation.backend", "openai",
                "generation.openai.base-url", "http://127.0.0.1:8000/v1",
                "generation.openai.model", "qwen2.5-7b-instruct",
                "generation.openai.api-key", "sk-very-secret",
                "generation.openai.circuit.open-for", "45s"));

    GenerationWorkerConfig config = GenerationWorkerConfig.load(configuration);

    assertThat(config.openai().endpoint().toString())
        .isEqualTo("http://127.0.0.1:8000/v1/chat/completions");
    assertThat(config.openai().apiKey().reveal()).isEqualTo("sk-very-secret");
    assertThat(config.openai().circuitOpenFor()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.toString()).doesNotContain("sk-very-secret");
    assertThat(configuration.resolve(GenerationWorkerConfig.SERVICE_DEFINITION).describe())
        .doesNotContain("sk-very-secret");
  }

  @Test
  void shouldRequireAModelDirectoryForTheOnnxBackend() {
    assertThatThrownBy(
            () ->
                GenerationWorkerConfig.load(Configuration.of(Map.of("generation.backend", "onnx"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("generation.onnx.model-dir: required");

    GenerationWorkerConfig config =
        GenerationWorkerConfig.load(
            Configuration.of(
                Map.of(
                    "generation.backend", "onnx",
                    "generation.onnx.model-dir", "/models/qwen2-0.5b",
                    "generation.onnx.device", "cuda")));
    assertThat(config.onnx().modelDir()).isEqualTo(Path.of("/models/qwen2-0.5b"));
    assertThat(config.onnx().modelId()).isEqualTo("qwen2-0.5b");
  }

  @Test
  void shouldRejectInvalidValuesAllTogether() {
    Configuration configuration =
        Configuration.of(
            Map.of(
                "generation.max-in-flight", "0",
                "generation.guard.grounding-threshold", "1.5",
                "generation.deadline.action", "shrug"));

    assertThatThrownBy(() -> GenerationWorkerConfig.load(configuration))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anyMatch(p -> p.startsWith("generation.max-in-flight"))
                    .anyMatch(p -> p.startsWith("generation.guard.grounding-threshold"))
                    .anyMatch(p -> p.contains("one of [fallback, handoff]")));
  }

  @Test
  void shouldGiveAReplayPipelineItsOwnGroup() {
    GenerationWorkerConfig config =
        GenerationWorkerConfig.load(Configuration.of(Map.of("topic.prefix", "shadow.r1.")));

    assertThat(config.worker().groupId()).isEqualTo("shadow.r1.generation-worker");
    assertThat(config.worker().transactionalId()).startsWith("shadow.r1.generation-worker-");
  }

  @Test
  void shouldDocumentEveryKeyAndRegisterTheServiceAndItsReference() {
    assertThat(GenerationWorkerConfig.DEFINITION.keys())
        .extracting(ConfigKey::doc)
        .allSatisfy(doc -> assertThat(doc).isNotBlank());
    assertThat(GenerationWorkerConfig.DEFINITION.toMarkdown())
        .contains("`generation.backend`")
        .contains("`generation.retry.attempts`")
        .contains("`generation.openai.api-key`");
    assertThat(ServiceFactory.named("generation-worker")).isPresent();
    assertThat(ConfigDefinitionProvider.all())
        .anyMatch(d -> d.component().equals("generation-worker"));
  }
}
