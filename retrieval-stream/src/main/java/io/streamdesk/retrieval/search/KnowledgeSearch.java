package io.streamdesk.retrieval.search;

import io.streamdesk.knowledge.index.RankFusion;
import io.streamdesk.knowledge.index.SearchHit;
import io.streamdesk.knowledge.index.SearchRequest;
import io.streamdesk.knowledge.index.SearchResult;
import io.streamdesk.knowledge.index.VectorIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hybrid search over the {@link VectorIndex} SPI that keeps each passage's evidence: one HYBRID
 * call fused with the retrieval stream's own {@link FusionSettings} (vector-led), whose hits carry
 * each passage's best cosine and BM25 score next to the rank-based fused score, which alone cannot
 * tell a relevant passage from the best of a bad lot; the relevance gate needs the cosine and the
 * BM25 score. A backend whose hybrid hits carry no component scores gets the two single-signal
 * searches instead, fused here by the same rule. Without a usable query vector (model mismatch) the
 * search is keyword-only.
 */
public final class KnowledgeSearch {

  private final VectorIndex index;
  private final FusionSettings fusion;

  public KnowledgeSearch(VectorIndex index, FusionSettings fusion) {
    this.index = Objects.requireNonNull(index, "index");
    this.fusion = Objects.requireNonNull(fusion, "fusion");
  }

  public VectorIndex index() {
    return index;
  }

  /**
   * @param language index language to search
   * @param vector the query vector of that language's model, or null for keyword-only
   * @param text the query text for BM25
   * @param topK passages to return
   * @throws io.streamdesk.knowledge.index.IndexException when the index cannot be read
   */
  public Retrieval search(String language, float[] vector, String text, int topK) {
    long start = System.nanoTime();
    int depth = Math.max(topK, fusion.candidates());
    if (vector != null
        && text != null
        && !text.isBlank()
        && fusion.vectorWeight() > 0
        && fusion.keywordWeight() > 0) {
      SearchResult hybrid =
          index.search(
              SearchRequest.hybrid(language, vector, text, topK).withFusion(fusion.asHybrid()));
      if (carriesComponentScores(hybrid.hits())) {
        List<RetrievedPassage> passages = new ArrayList<>(hybrid.hits().size());
        for (SearchHit h : hybrid.hits()) {
          passages.add(
              new RetrievedPassage(h.chunk(), h.score(), h.cosine(), h.bm25(), h.kbVersion()));
        }
        return new Retrieval(passages, hybrid.kbVersion(), false, System.nanoTime() - start);
      }
    }
    List<SearchHit> dense = List.of();
    long version = 0;
    if (vector != null && fusion.vectorWeight() > 0) {
      SearchResult r = index.search(SearchRequest.vector(language, vector, depth));
      dense = r.hits();
      version = r.kbVersion();
    }
    List<SearchHit> keyword = List.of();
    if (text != null && !text.isBlank() && (fusion.keywordWeight() > 0 || vector == null)) {
      SearchResult r = index.search(SearchRequest.keyword(language, text, depth));
      keyword = r.hits();
      version = Math.max(version, r.kbVersion());
    }
    List<RetrievedPassage> passages = fuse(dense, keyword, topK);
    return new Retrieval(passages, version, vector == null, System.nanoTime() - start);
  }

  /** Whether every hit says how it ranked (a backend without component scores gives NaN twice). */
  private static boolean carriesComponentScores(List<SearchHit> hits) {
    return hits.stream().allMatch(h -> !Double.isNaN(h.cosine()) || !Double.isNaN(h.bm25()));
  }

  private List<RetrievedPassage> fuse(List<SearchHit> dense, List<SearchHit> keyword, int topK) {
    Map<String, SearchHit> byId = new HashMap<>();
    Map<String, Double> cosine = new HashMap<>();
    Map<String, Double> bm25 = new HashMap<>();
    List<String> denseIds = new ArrayList<>(dense.size());
    for (SearchHit h : dense) {
      byId.putIfAbsent(h.chunk().id(), h);
      cosine.put(h.chunk().id(), h.score());
      denseIds.add(h.chunk().id());
    }
    List<String> keywordIds = new ArrayList<>(keyword.size());
    for (SearchHit h : keyword) {
      byId.putIfAbsent(h.chunk().id(), h);
      bm25.put(h.chunk().id(), h.score());
      keywordIds.add(h.chunk().id());
    }
    double vectorWeight = denseIds.isEmpty() ? 0 : fusion.vectorWeight();
    double keywordWeight = denseIds.isEmpty() ? 1 : fusion.keywordWeight();
    List<RankFusion.Fused<String>> fused =
        RankFusion.fuse(
            List.of(denseIds, keywordIds),
            new double[] {vectorWeight, keywordWeight},
            fusion.rrfK());
    List<RetrievedPassage> out = new ArrayList<>(Math.min(topK, fused.size()));
    for (RankFusion.Fused<String> f : fused) {
      if (out.size() == topK) {
        break;
      }
      if (f.score() <= 0) {
        continue; // only in a ranking whose weight is 0
      }
      SearchHit hit = byId.get(f.item());
      out.add(
          new RetrievedPassage(
              hit.chunk(),
              f.score(),
              cosine.getOrDefault(f.item(), Double.NaN),
              bm25.getOrDefault(f.item(), Double.NaN),
              hit.kbVersion()));
    }
    return out;
  }
}
