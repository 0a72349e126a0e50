package io.streamdesk.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code ./cs up} runs the local stack.
 *
 * @param dataDir where Kafka's log, Streams state, the index and the schema journal live; kept
 *     across restarts so conversations and the knowledge base survive
 * @param httpPort port of the chat page and HTTP API (0 picks a free port)
 * @param opsPort port of the shared ops endpoint (/health, /metrics; 0 picks a free port)
 * @param kafkaPort port of the embedded broker (0 picks a free port)
 * @param generator generation backend: extractive, onnx or openai
 * @param modelDir model directory for the onnx backend, or null
 * @param knowledgeBase files or folders to index; empty means the bundled sample knowledge base
 * @param partitions partition count of the conversation topics
 * @param overrides any other configuration key of any service, applied last
 */
public record LocalStackOptions(
    Path dataDir,
    int httpPort,
    int opsPort,
    int kafkaPort,
    String generator,
    Path modelDir,
    List<Path> knowledgeBase,
    int partitions,
    Map<String, String> overrides) {

  public LocalStackOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(generator, "generator");
    knowledgeBase = List.copyOf(knowledgeBase);
    overrides = Map.copyOf(overrides);
    if (!List.of("extractive", "onnx", "openai").contains(generator)) {
      throw new IllegalArgumentException(
          "--generator must be extractive, onnx or openai, got '" + generator + "'");
    }
    if ("onnx".equals(generator) && modelDir == null) {
      throw new IllegalArgumentException("--generator onnx needs --model-dir DIR");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
  }

  /** Defaults for {@code dataDir}: ports 8080 / 9400 / free, extractive, the sample KB. */
  public static LocalStackOptions defaults(Path dataDir) {
    return new LocalStackOptions(
        dataDir, 8080, 9400, 0, "extractive", null, List.of(), 3, Map.of());
  }

  public LocalStackOptions withPorts(int http, int ops, int kafka) {
    return new LocalStackOptions(
        dataDir, http, ops, kafka, generator, modelDir, knowledgeBase, partitions, overrides);
  }

  public LocalStackOptions withOverrides(Map<String, String> more) {
    var merged = new java.util.HashMap<>(overrides);
    merged.putAll(more);
    return new LocalStackOptions(
        dataDir,
        httpPort,
        opsPort,
        kafkaPort,
        generator,
        modelDir,
        knowledgeBase,
        partitions,
        merged);
  }
}
