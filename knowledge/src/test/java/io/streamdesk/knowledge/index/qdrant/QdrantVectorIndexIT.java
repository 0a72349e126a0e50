package io.streamdesk.knowledge.index.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.knowledge.index.Chunk;
import io.streamdesk.knowledge.index.DocumentUpdate;
import io.streamdesk.knowledge.index.EmbeddedChunk;
import io.streamdesk.knowledge.index.SearchRequest;
import io.streamdesk.knowledge.index.SearchResult;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.qdrant.QdrantContainer;

/**
 * The Qdrant index against a real Qdrant server in a container. Skipped (not failed) where no
 * Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class QdrantVectorIndexIT {

  static final String IMAGE = "qdrant/qdrant:v1.15.4";

  @Container static final QdrantContainer QDRANT = new QdrantContainer(IMAGE);

  private static final float[] REFUND = {1, 0, 0};
  private static final float[] SHIPPING = {0, 1, 0};
  private static final float[] PASSWORD = {0, 0, 1};

  private QdrantVectorIndex index;
  private QdrantIndexConfig config;

  @BeforeEach
  void connect() {
    // A fresh prefix per test: collections never leak between tests.
    config =
        QdrantIndexConfig.of(QDRANT.getHost(), QDRANT.getGrpcPort())
            .withCollectionPrefix("kb_" + UUID.randomUUID().toString().replace("-", ""));
    index = QdrantVectorIndex.connect(config);
  }

  @AfterEach
  void close() {
    index.close();
  }

  private static EmbeddedChunk faq(int pos, String q, String a, String category, float[] v) {
    return new EmbeddedChunk(
        Chunk.faq("faq#" + pos, "faq", "", q, a, "faq.csv", pos, category, "en"), v, v);
  }

  private static DocumentUpdate shopFaq(String hash, String refundAnswer) {
    return new DocumentUpdate(
        "faq",
        hash,
        List.of(
            faq(0, "How do I get a refund?", refundAnswer, "refunds", REFUND),
            faq(
                1,
                "When will my parcel arrive?",
                "Parcels ship within 2 days.",
                "shipping",
                SHIPPING),
            faq(
                2,
                "How do I reset my password?",
                "Use the forgot-password link.",
                "account",
                PASSWORD)));
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(h -> h.chunk().id()).toList();
  }

  @Test
  void shouldSearchByVectorKeywordsAndBothWithFilters() {
    long v = index.upsert(shopFaq("h1", "Refunds reach your card in 5 days."));

    assertThat(v).isEqualTo(1);
    assertThat(ids(index.search(SearchRequest.vector("en", new float[] {0.1f, 0.9f, 0}, 1))))
        .containsExactly("faq#1");
    assertThat(ids(index.search(SearchRequest.keyword("en", "reset my passwords", 1))))
        .containsExactly("faq#2");
    SearchResult hybrid = index.search(SearchRequest.hybrid("en", REFUND, "refund", 3));
    assertThat(ids(hybrid)).first().isEqualTo("faq#0");
    assertThat(hybrid.hits().get(0).chunk().answer())
        .isEqualTo("Refunds reach your card in 5 days.");
    assertThat(hybrid.kbVersion()).isEqualTo(1);
    assertThat(
            ids(
                index.search(
                    SearchRequest.hybrid("en", REFUND, "refund parcel", 5)
                        .withCategories(Set.of("shipping")))))
        .containsExactly("faq#1");
  }

  @Test
  void shouldReplaceDeleteAndVersionDocuments() {
    index.upsert(shopFaq("h1", "old answer"));
    long v2 =
        index.upsert(
            new DocumentUpdate(
                "faq", "h2", List.of(faq(0, "How do I get a refund?", "new answer", "", REFUND))));

    assertThat(v2).isEqualTo(2);
    SearchResult all = index.search(SearchRequest.vector("en", REFUND, 10));
    assertThat(ids(all)).containsExactly("faq#0");
    assertThat(all.hits().get(0).chunk().answer()).isEqualTo("new answer");
    assertThat(index.contentHash("faq")).contains("h2");

    assertThat(index.delete("faq")).isEqualTo(3);
    assertThat(index.delete("faq")).isEqualTo(3);
    assertThat(index.search(SearchRequest.vector("en", REFUND, 10)).hits()).isEmpty();
    assertThat(index.documents()).isEmpty();
  }

  @Test
  void shouldKeepTheVersionForANewClient() {
    index.upsert(shopFaq("h1", "answer"));

    try (QdrantVectorIndex other = QdrantVectorIndex.connect(config)) {
      assertThat(other.version()).isEqualTo(1);
      assertThat(other.documents()).containsKey("faq");
    }
  }
}
