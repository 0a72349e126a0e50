package io.streamdesk.knowledge.index;

import java.util.Objects;
import java.util.Set;

/**
 * A search in one language's part of the index.
 *
 * @param language routed language of the query; only chunks of that language are searched
 * @param vector the query's embedding from that language's encoder (needed for VECTOR and HYBRID);
 *     passed in so that a message embedded once upstream is not embedded again
 * @param text the query text for keyword matching (needed for KEYWORD and HYBRID)
 * @param topK how many hits to return, 1..1000
 * @param categories only chunks of these categories; empty = all
 * @param fusion how a HYBRID search fuses and how deep it reads each ranking; null = the index's
 *     own {@link HybridConfig}
 */
public record SearchRequest(
    String language,
    float[] vector,
    String text,
    SearchMode mode,
    int topK,
    Set<String> categories,
    HybridConfig fusion) {

  public static final int MAX_TOP_K = 1000;

  public SearchRequest {
    Objects.requireNonNull(mode, "mode");
    if (language == null || language.isBlank()) {
      throw new IllegalArgumentException("search language must not be blank");
    }
    if (topK < 1 || topK > MAX_TOP_K) {
      throw new IllegalArgumentException("topK must be in [1, " + MAX_TOP_K + "], was " + topK);
    }
    if (mode != SearchMode.KEYWORD && vector == null) {
      throw new IllegalArgumentException(mode + " search needs the query vector");
    }
    if (mode != SearchMode.VECTOR && text == null) {
      throw new IllegalArgumentException(mode + " search needs the query text");
    }
    categories = categories == null ? Set.of() : Set.copyOf(categories);
  }

  /** A search with the index's own fusion. */
  public SearchRequest(
      String language,
      float[] vector,
      String text,
      SearchMode mode,
      int topK,
      Set<String> categories) {
    this(language, vector, text, mode, topK, categories, null);
  }

  public static SearchRequest hybrid(String language, float[] vector, String text, int topK) {
    return new SearchRequest(language, vector, text, SearchMode.HYBRID, topK, Set.of());
  }

  public static SearchRequest vector(String language, float[] vector, int topK) {
    return new SearchRequest(language, vector, null, SearchMode.VECTOR, topK, Set.of());
  }

  public static SearchRequest keyword(String language, String text, int topK) {
    return new SearchRequest(language, null, text, SearchMode.KEYWORD, topK, Set.of());
  }

  /** The same search restricted to some categories. */
  public SearchRequest withCategories(Set<String> only) {
    return new SearchRequest(language, vector, text, mode, topK, only, fusion);
  }

  /** The same search fused as the caller needs rather than as the index is configured. */
  public SearchRequest withFusion(HybridConfig how) {
    return new SearchRequest(language, vector, text, mode, topK, categories, how);
  }

  /** The fusion of this search: its own, else the index's. */
  public HybridConfig fusionOr(HybridConfig indexDefault) {
    return fusion != null ? fusion : indexDefault;
  }
}
