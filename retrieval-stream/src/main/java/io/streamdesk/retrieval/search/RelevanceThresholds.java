package io.streamdesk.retrieval.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The minimum evidence for "the knowledge base can answer this", per index language: each
 * language's embedding model has its own cosine scale (bge-small-en puts unrelated English
 * sentences near 0.6, bge-small-zh unrelated Chinese near 0.45), and BM25 scales with the corpus.
 *
 * @param minCosine per language; {@code *} is the default for languages not listed
 * @param minBm25 per language for keyword-only searches (no usable vector); {@code *} default
 */
public record RelevanceThresholds(Map<String, Double> minCosine, Map<String, Double> minBm25) {

  public static final String ANY = "*";

  public RelevanceThresholds {
    minCosine = Map.copyOf(minCosine);
    minBm25 = Map.copyOf(minBm25);
    if (!minCosine.containsKey(ANY) || !minBm25.containsKey(ANY)) {
      throw new IllegalArgumentException("thresholds need a default entry '*'");
    }
  }

  /** The calibrated defaults (sample KB; see the module README for the figures). */
  public static RelevanceThresholds defaults() {
    return new RelevanceThresholds(
        parse(List.of("zh=0.59", "en=0.70", "*=0.70")),
        parse(List.of("zh=3.2", "en=3.3", "*=3.3")));
  }

  public double minCosine(String language) {
    return minCosine.getOrDefault(language, minCosine.get(ANY));
  }

  public double minBm25(String language) {
    return minBm25.getOrDefault(language, minBm25.get(ANY));
  }

  /**
   * Parses {@code lang=value} entries ({@code *=value} for the default).
   *
   * @throws IllegalArgumentException on a malformed entry
   */
  public static Map<String, Double> parse(List<String> entries) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String entry : entries) {
      String[] kv = entry.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new IllegalArgumentException("'" + entry + "' must look like language=number");
      }
      try {
        out.put(kv[0].strip().toLowerCase(Locale.ROOT), Double.parseDouble(kv[1].strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + entry + "': " + kv[1].strip() + " is no number");
      }
    }
    out.putIfAbsent(ANY, out.values().stream().max(Double::compare).orElse(Double.NaN));
    if (out.get(ANY).isNaN()) {
      throw new IllegalArgumentException("no threshold given");
    }
    return out;
  }

  /** Renders entries back as {@code lang=value} (for logs and the calibration command). */
  public static String format(Map<String, Double> entries) {
    StringBuilder b = new StringBuilder();
    entries.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return b.toString();
  }
}
