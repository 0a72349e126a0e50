package io.streamdesk.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.knowledge.index.Chunk;
import io.streamdesk.knowledge.index.DocumentUpdate;
import io.streamdesk.knowledge.index.EmbeddedChunk;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.index.lucene.LuceneIndexConfig;
import io.streamdesk.knowledge.index.lucene.LuceneVectorIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeSearchTest {

  @TempDir Path dir;
  private VectorIndex index;

  @BeforeEach
  void index() {
    index = LuceneVectorIndex.open(LuceneIndexConfig.at(dir));
    index.upsert(
        new DocumentUpdate(
            "faq",
            "h",
            List.of(
                row("faq#1", "How long does delivery take?", new float[] {1, 0, 0}),
                row("faq#2", "What is the return policy?", new float[] {0, 1, 0}),
                row("faq#3", "Do you deliver to Hong Kong?", new float[] {0.6f, 0, 0.8f}))));
  }

  @AfterEach
  void close() {
    index.close();
  }

  private static EmbeddedChunk row(String id, String question, float[] v) {
    return new EmbeddedChunk(
        Chunk.faq(id, "faq", "", question, "answer", "faq.csv", 0, "", "en"), v, v);
  }

  @Test
  void shouldKeepEachPassagesCosineAndBm25ForTheGate() {
    Retrieval r =
        new KnowledgeSearch(index, FusionSettings.defaults())
            .search("en", new float[] {1, 0, 0}, "delivery time", 3);

    assertThat(r.passages().get(0).chunk().id()).isEqualTo("faq#1");
    assertThat(r.passages().get(0).cosine())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(r.passages().get(0).bm25()).isPositive();
    assertThat(r.bestCosine()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(r.keywordOnly()).isFalse();
    assertThat(r.kbVersion()).isEqualTo(index.version());
    RetrievedPassage returns =
        r.passages().stream().filter(p -> p.chunk().id().equals("faq#2")).findFirst().orElseThrow();
    assertThat(returns.bm25()).isNaN();
  }

  @Test
  void shouldLetKeywordsReorderNeighbouringVectorRanks() {
    float[] vector = {0.8f, 0, 0.6f};
    String text = "how long does delivery take";
    // The vector prefers Hong Kong (cosine 0.96 vs 0.8); BM25 only knows the delivery-time row.
    Retrieval vectorOnly =
        new KnowledgeSearch(index, new FusionSettings(1, 0, 10, 50)).search("en", vector, text, 3);
    Retrieval fused =
        new KnowledgeSearch(index, FusionSettings.defaults()).search("en", vector, text, 3);
    assertThat(vectorOnly.passages().get(0).chunk().id()).isEqualTo("faq#3");
    assertThat(fused.passages().get(0).chunk().id()).isEqualTo("faq#1");
  }

  @Test
  void shouldSearchKeywordsOnlyWithoutAVector() {
    Retrieval r =
        new KnowledgeSearch(index, FusionSettings.defaults())
            .search("en", null, "return policy", 3);
    assertThat(r.keywordOnly()).isTrue();
    assertThat(r.passages()).extracting(p -> p.chunk().id()).containsExactly("faq#2");
    assertThat(r.bestCosine()).isNaN();
    assertThat(new RelevanceGate(thresholds(0.5, 100)).passes(r, "en")).isFalse();
    assertThat(new RelevanceGate(thresholds(0.5, 0.1)).passes(r, "en")).isTrue();
  }

  @Test
  void shouldGateOnTheLanguagesCosineThreshold() {
    Retrieval r =
        new KnowledgeSearch(index, FusionSettings.defaults())
            .search("en", new float[] {0, 0.6f, 0.8f}, "unrelated words", 3);
    // Best cosine 0.64 (the Hong Kong row).
    assertThat(new RelevanceGate(thresholds(0.6, 1)).passes(r, "en")).isTrue();
    assertThat(new RelevanceGate(thresholds(0.7, 1)).passes(r, "en")).isFalse();
  }

  private static RelevanceThresholds thresholds(double cosine, double bm25) {
    return new RelevanceThresholds(Map.of("*", cosine), Map.of("*", bm25));
  }
}
