package io.streamdesk.knowledge.language;

import io.streamdesk.knowledge.encoder.ModelCatalogue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which embedding model serves which language. Keys are ISO 639-1 codes; values are catalogue names
 * ({@link ModelCatalogue}). Text in a language with no model is routed to {@code fallbackLanguage}.
 *
 * <p>Defaults: {@code zh → bge-small-zh-v15-q}, {@code en → bge-small-en-v15-q}, fallback {@code
 * en}. The int8 variants are the defaults because they embed ~1.5x faster on CPU at equal retrieval
 * quality on the eval (see the knowledge module's report); name the fp32 models to trade speed for
 * bit-stable batching.
 *
 * @param modelByLanguage language → model name, at least one entry
 * @param fallbackLanguage a key of {@code modelByLanguage}
 */
public record RoutingConfig(Map<String, String> modelByLanguage, String fallbackLanguage) {

  public RoutingConfig {
    Objects.requireNonNull(modelByLanguage, "modelByLanguage");
    Objects.requireNonNull(fallbackLanguage, "fallbackLanguage");
    if (modelByLanguage.isEmpty()) {
      throw new IllegalArgumentException("routing needs at least one language -> model entry");
    }
    modelByLanguage.forEach(
        (lang, model) -> {
          if (lang == null || lang.isBlank() || model == null || model.isBlank()) {
            throw new IllegalArgumentException(
                "routing entries need a language and a model, got " + lang + " -> " + model);
          }
        });
    if (!modelByLanguage.containsKey(fallbackLanguage)) {
      throw new IllegalArgumentException(
          "fallback language '"
              + fallbackLanguage
              + "' has no model; configured languages: "
              + modelByLanguage.keySet());
    }
    modelByLanguage = Map.copyOf(new LinkedHashMap<>(modelByLanguage));
  }

  public static RoutingConfig defaults() {
    return new RoutingConfig(
        Map.of("zh", ModelCatalogue.BGE_SMALL_ZH_Q, "en", ModelCatalogue.BGE_SMALL_EN_Q), "en");
  }

  /**
   * Parses {@code zh=bge-small-zh-v15-q,en=bge-small-en-v15-q} (the form used in config files); the
   * fallback is given separately.
   */
  public static RoutingConfig parse(String mapping, String fallbackLanguage) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : mapping.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] kv = entry.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "routing entry '" + entry.trim() + "' must look like language=model");
      }
      map.put(kv[0].trim(), kv[1].trim());
    }
    return new RoutingConfig(map, fallbackLanguage);
  }

  /** The model for that language, or the fallback language's. */
  public String modelFor(String language) {
    return modelByLanguage.getOrDefault(language, modelByLanguage.get(fallbackLanguage));
  }
}
