package io.streamdesk.generation.llm.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the decoder needs from a Hugging Face model directory's {@code config.json} and {@code
 * generation_config.json}: layer and head counts (grouped-query attention: fewer KV heads than
 * query heads), vocabulary, context length and the end-of-sequence token ids (both files' ids are
 * honoured, as transformers does).
 *
 * @param modelType config.json's {@code model_type}; Llama and Qwen2 families only
 * @param numLayers {@code num_hidden_layers}: one past/present key and value pair each
 * @param numHeads {@code num_attention_heads}
 * @param numKvHeads {@code num_key_value_heads} (defaults to numHeads: plain multi-head attention)
 * @param headDim {@code head_dim}, or hidden_size / num_attention_heads
 * @param vocabSize {@code vocab_size}
 * @param contextLength {@code max_position_embeddings}
 * @param eosTokenIds every id that ends a sequence
 * @param padTokenId used for left padding (its value never matters: padded positions are masked)
 */
public record HfModelConfig(
    String modelType,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    int vocabSize,
    int contextLength,
    Set<Long> eosTokenIds,
    long padTokenId) {

  /** Model families whose Optimum export has the past_key_values / present layout read here. */
  public static final Set<String> SUPPORTED_MODEL_TYPES =
      Set.of("llama", "mistral", "qwen2", "qwen3");

  private static final ObjectMapper JSON = new ObjectMapper();

  public HfModelConfig {
    eosTokenIds = Set.copyOf(eosTokenIds);
  }

  /** Reads and validates config.json (required) and generation_config.json (optional). */
  public static HfModelConfig load(Path dir) {
    JsonNode config = readJson(dir, "config.json", true);
    JsonNode generation = readJson(dir, "generation_config.json", false);
    String modelType = config.path("model_type").asText("");
    if (!SUPPORTED_MODEL_TYPES.contains(modelType)) {
      throw new ModelDirectoryException(
          dir,
          "config.json model_type '"
              + modelType
              + "' is not supported; expected one of "
              + SUPPORTED_MODEL_TYPES);
    }
    int layers = positiveInt(dir, config, "num_hidden_layers");
    int heads = positiveInt(dir, config, "num_attention_heads");
    int kvHeads =
        config.has("num_key_value_heads") ? positiveInt(dir, config, "num_key_value_heads") : heads;
    if (heads % kvHeads != 0) {
      throw new ModelDirectoryException(
          dir,
          "num_attention_heads ("
              + heads
              + ") must be a multiple of num_key_value_heads ("
              + kvHeads
              + ")");
    }
    int headDim =
        config.hasNonNull("head_dim")
            ? positiveInt(dir, config, "head_dim")
            : positiveInt(dir, config, "hidden_size") / heads;
    int vocab = positiveInt(dir, config, "vocab_size");
    int context = positiveInt(dir, config, "max_position_embeddings");

    Set<Long> eos = new LinkedHashSet<>();
    addIds(eos, config.path("eos_token_id"));
    addIds(eos, generation.path("eos_token_id"));
    if (eos.isEmpty()) {
      throw new ModelDirectoryException(
          dir, "no eos_token_id in config.json or generation_config.json");
    }
    long pad =
        firstId(
            generation.path("pad_token_id"),
            firstId(config.path("pad_token_id"), eos.iterator().next()));
    return new HfModelConfig(modelType, layers, heads, kvHeads, headDim, vocab, context, eos, pad);
  }

  private static JsonNode readJson(Path dir, String name, boolean required) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      if (required) {
        throw new ModelDirectoryException(dir, name + " is missing");
      }
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelDirectoryException(dir, name + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static int positiveInt(Path dir, JsonNode config, String key) {
    JsonNode node = config.get(key);
    if (node == null || !node.canConvertToInt() || node.asInt() <= 0) {
      throw new ModelDirectoryException(
          dir, "config.json needs a positive integer '" + key + "', got " + node);
    }
    return node.asInt();
  }

  private static void addIds(Set<Long> ids, JsonNode node) {
    if (node.isArray()) {
      node.forEach(id -> ids.add(id.asLong()));
    } else if (node.isIntegralNumber()) {
      ids.add(node.asLong());
    }
  }

  private static long firstId(JsonNode node, long fallback) {
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isArray() && !node.isEmpty()) {
      return node.get(0).asLong();
    }
    return fallback;
  }
}
