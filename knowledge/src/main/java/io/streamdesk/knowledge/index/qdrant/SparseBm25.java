package io.streamdesk.knowledge.index.qdrant;

import io.streamdesk.knowledge.index.lucene.LanguageAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * BM25 as Qdrant sparse vectors: a document's vector holds, per term, the BM25 term-frequency
 * factor {@code tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl))}; a query's holds 1 per distinct
 * term; the collection's IDF modifier multiplies in the inverse document frequency, so the dot
 * product is the BM25 score. Terms come from the same analyzers as the Lucene index and are indexed
 * by their (stable, specified) {@link String#hashCode()}.
 */
final class SparseBm25 {

  static final double K1 = 1.2;
  static final double B = 0.75;

  /** Parallel index/value lists, indices ascending and distinct. */
  record SparseVector(List<Integer> indices, List<Float> values) {
    boolean isEmpty() {
      return indices.isEmpty();
    }
  }

  private final LanguageAnalyzer analyzer;
  private final double averageTokens;

  SparseBm25(LanguageAnalyzer analyzer, double averageTokens) {
    this.analyzer = analyzer;
    this.averageTokens = averageTokens;
  }

  SparseVector document(String language, String text) {
    List<String> terms = analyzer.terms(language, text);
    Map<Integer, Integer> tf = new TreeMap<>();
    for (String t : terms) {
      tf.merge(index(t), 1, Integer::sum);
    }
    double norm = K1 * (1 - B + B * terms.size() / averageTokens);
    List<Integer> indices = new ArrayList<>(tf.size());
    List<Float> values = new ArrayList<>(tf.size());
    tf.forEach(
        (i, f) -> {
          indices.add(i);
          values.add((float) (f * (K1 + 1) / (f + norm)));
        });
    return new SparseVector(indices, values);
  }

  SparseVector query(String language, String text) {
    Map<Integer, Float> distinct = new TreeMap<>();
    for (String t : analyzer.terms(language, text)) {
      distinct.put(index(t), 1f);
    }
    return new SparseVector(List.copyOf(distinct.keySet()), List.copyOf(distinct.values()));
  }

  static int index(String term) {
    return term.hashCode() & 0x7fffffff;
  }
}
