package io.streamdesk.knowledge.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.knowledge.index.Chunk;
import io.streamdesk.knowledge.index.DocumentUpdate;
import io.streamdesk.knowledge.index.EmbeddedChunk;
import io.streamdesk.knowledge.index.HybridConfig;
import io.streamdesk.knowledge.index.IndexException;
import io.streamdesk.knowledge.index.SearchHit;
import io.streamdesk.knowledge.index.SearchMode;
import io.streamdesk.knowledge.index.SearchRequest;
import io.streamdesk.knowledge.index.SearchResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made 3-dimensional vectors stand in for a model: each axis is a topic. */
class LuceneVectorIndexTest {

  private static final float[] REFUND = {1, 0, 0};
  private static final float[] SHIPPING = {0, 1, 0};
  private static final float[] PASSWORD = {0, 0, 1};

  @TempDir Path dir;
  private LuceneVectorIndex index;

  @BeforeEach
  void open() {
    index = LuceneVectorIndex.open(LuceneIndexConfig.at(dir));
  }

  @AfterEach
  void close() {
    index.close();
  }

  private static EmbeddedChunk faq(
      String doc, int pos, String q, String a, String category, float[] qv, float[] v) {
    return new EmbeddedChunk(
        Chunk.faq(doc + "#" + pos, doc, "FAQ", q, a, doc + ".csv", pos, category, "en"), v, qv);
  }

  private static EmbeddedChunk passage(String doc, int pos, String text, float[] v) {
    return new EmbeddedChunk(
        Chunk.passage(doc + "#" + pos, doc, "Policy", text, doc + ".md", pos, "policy", "en"),
        v,
        null);
  }

  private static DocumentUpdate shopFaq() {
    return new DocumentUpdate(
        "faq",
        "hash-1",
        List.of(
            faq(
                "faq",
                0,
                "How do I get a refund?",
                "Refunds reach your card in 5 days.",
                "refunds",
                REFUND,
                REFUND),
            faq(
                "faq",
                1,
                "When will my parcel arrive?",
                "Parcels ship within 2 days.",
                "shipping",
                SHIPPING,
                SHIPPING),
            faq(
                "faq",
                2,
                "How do I reset my password?",
                "Use the forgot-password link.",
                "account",
                PASSWORD,
                PASSWORD)));
  }

  private static List<String> ids(SearchResult result) {
    return result.hits().stream().map(h -> h.chunk().id()).toList();
  }

  @Test
  void shouldFindAnFaqRowByVectorKeywordAndHybridSearch() {
    index.upsert(shopFaq());

    SearchResult vector = index.search(SearchRequest.vector("en", new float[] {0.1f, 0.9f, 0}, 2));
    SearchResult keyword = index.search(SearchRequest.keyword("en", "reset passwords", 2));
    SearchResult hybrid =
        index.search(SearchRequest.hybrid("en", new float[] {0.9f, 0.1f, 0}, "refund", 3));

    assertThat(ids(vector)).first().isEqualTo("faq#1");
    assertThat(vector.hits().get(0).score()).isGreaterThan(0.9);
    assertThat(ids(keyword)).containsExactly("faq#2");
    assertThat(ids(hybrid)).first().isEqualTo("faq#0");
    Chunk row = hybrid.hits().get(0).chunk();
    assertThat(row.question()).isEqualTo("How do I get a refund?");
    assertThat(row.answer()).isEqualTo("Refunds reach your card in 5 days.");
    assertThat(row.category()).isEqualTo("refunds");
    assertThat(row.source()).isEqualTo("faq.csv");
  }

  @Test
  void shouldCarryEachHybridHitsCosineAndBm25AndHonourTheRequestsFusion() {
    // Given the shop FAQ
    index.upsert(shopFaq());

    // When a hybrid search asks for its own fusion, keywords only
    SearchResult keywordLed =
        index.search(
            SearchRequest.hybrid("en", new float[] {0.9f, 0.1f, 0}, "reset passwords", 3)
                .withFusion(new HybridConfig(1, 0.0, 1.0, 10)));
    // and one with the index's fusion
    SearchResult hybrid =
        index.search(SearchRequest.hybrid("en", new float[] {0.9f, 0.1f, 0}, "refund", 3));

    // Then the request's fusion ranks the keyword match first
    assertThat(ids(keywordLed)).first().isEqualTo("faq#2");
    // and every hit says how it ranked: the vector top has its cosine, the keyword match its BM25
    SearchHit top = hybrid.hits().get(0);
    assertThat(top.cosine()).isGreaterThan(0.9);
    assertThat(top.bm25()).isPositive();
    assertThat(keywordLed.hits().get(0).bm25()).isPositive();
    assertThat(hybrid.hits()).allSatisfy(h -> assertThat(h.cosine()).isNotNaN());
  }

  @Test
  void shouldMatchAnFaqRowByItsQuestionVectorEvenWhenTheAnswerIsAboutSomethingElse() {
    // The row's full text leans to shipping, its question to refunds.
    index.upsert(
        new DocumentUpdate(
            "faq",
            "h",
            List.of(
                faq(
                    "faq",
                    0,
                    "Can I send it back?",
                    "Print the shipping label.",
                    "",
                    REFUND,
                    SHIPPING),
                faq("faq", 1, "Delivery times", "Parcels ship fast.", "", SHIPPING, SHIPPING))));

    assertThat(ids(index.search(SearchRequest.vector("en", REFUND, 1)))).containsExactly("faq#0");
  }

  @Test
  void shouldKeywordMatchFaqRowsOnTheirQuestionAndPassagesOnTheirText() {
    index.upsert(shopFaq());
    index.upsert(
        new DocumentUpdate(
            "policy",
            "p",
            List.of(passage("policy", 0, "Invoices are issued on request.", REFUND))));

    // "card" is only in an answer: FAQ answers are not keyword-indexed.
    assertThat(ids(index.search(SearchRequest.keyword("en", "card", 5)))).isEmpty();
    assertThat(ids(index.search(SearchRequest.keyword("en", "invoice", 5))))
        .containsExactly("policy#0");
  }

  @Test
  void shouldMatchChineseParaphrasesByCharactersAndBigrams() {
    index.upsert(
        new DocumentUpdate(
            "zh",
            "h",
            List.of(
                new EmbeddedChunk(
                    Chunk.faq("zh#0", "zh", "", "退款多久能到账？", "一到三个工作日。", "", 0, "", "zh"),
                    REFUND,
                    REFUND),
                new EmbeddedChunk(
                    Chunk.faq("zh#1", "zh", "", "包裹什么时候发货？", "两天内发货。", "", 1, "", "zh"),
                    SHIPPING,
                    SHIPPING))));

    assertThat(ids(index.search(SearchRequest.keyword("zh", "我想退款", 5)))).containsExactly("zh#0");
    // "退的钱" segments into no word of the question; its characters still match.
    assertThat(ids(index.search(SearchRequest.keyword("zh", "退的钱还没到", 5)))).containsExactly("zh#0");
    // Languages are indexed separately.
    assertThat(ids(index.search(SearchRequest.keyword("en", "退款", 5)))).isEmpty();
  }

  /** Rows whose vectors are 0.1 rad apart: row i is the query's (1,0,0) i-th nearest. */
  private static DocumentUpdate fanOfRows(int rows) {
    List<EmbeddedChunk> chunks = new java.util.ArrayList<>();
    String[] topics = {
      "refund",
      "invoice",
      "coupon",
      "voucher",
      "warranty",
      "repair",
      "membership",
      "password",
      "parcel",
      "locker"
    };
    for (int i = 0; i < rows; i++) {
      float[] v = {(float) Math.cos(0.1 * i), (float) Math.sin(0.1 * i), 0};
      chunks.add(faq("fan", i, "Question about " + topics[i] + "?", "Answer " + i + ".", "", v, v));
    }
    return new DocumentUpdate("fan", "h", chunks);
  }

  @Test
  void shouldLetKeywordsReorderCloseRowsButNotLiftADistantRowOverTheVectorTop() {
    index.upsert(fanOfRows(10));

    SearchResult close = index.search(SearchRequest.hybrid("en", REFUND, "coupon", 3));
    SearchResult distant = index.search(SearchRequest.hybrid("en", REFUND, "parcel", 3));

    // "coupon" matches the vector's 3rd row: it moves up to the top.
    assertThat(ids(close)).first().isEqualTo("fan#2");
    // "parcel" matches only the vector's 9th row: the vector's top row stays first.
    assertThat(ids(distant)).first().isEqualTo("fan#0");
  }

  @Test
  void shouldReportOneDocumentById() {
    index.upsert(shopFaq());

    assertThat(index.document("faq"))
        .hasValueSatisfying(
            d -> {
              assertThat(d.contentHash()).isEqualTo("hash-1");
              assertThat(d.chunkCount()).isEqualTo(3);
              assertThat(d.kbVersion()).isEqualTo(index.version());
            });
    assertThat(index.document("never-indexed")).isEmpty();
  }

  @Test
  void shouldReportADocumentIndexedWithAnOlderKeywordAnalysisAsStale() {
    org.apache.lucene.document.Document old =
        LuceneFields.block(new DocumentUpdate("faq", "hash-1", List.of()), 3).get(0);
    old.removeField(LuceneFields.ANALYSIS);
    org.apache.lucene.document.Document current =
        LuceneFields.block(new DocumentUpdate("faq", "hash-1", List.of()), 3).get(0);

    assertThat(LuceneFields.indexedDocument(old).contentHash())
        .isEqualTo(io.streamdesk.knowledge.index.VectorIndex.STALE_ANALYSIS_PREFIX + "hash-1");
    assertThat(LuceneFields.indexedDocument(current).contentHash()).isEqualTo("hash-1");
  }

  @Test
  void shouldFilterByCategory() {
    index.upsert(shopFaq());

    SearchResult result =
        index.search(
            SearchRequest.hybrid("en", REFUND, "refund parcel password", 5)
                .withCategories(Set.of("shipping", "account")));

    assertThat(ids(result)).containsExactlyInAnyOrder("faq#1", "faq#2");
  }

  @Test
  void shouldReplaceADocumentsChunksAndBumpTheVersion() {
    long v1 = index.upsert(shopFaq());

    long v2 =
        index.upsert(
            new DocumentUpdate(
                "faq",
                "hash-2",
                List.of(
                    faq(
                        "faq",
                        0,
                        "How do I get a refund?",
                        "Refunds take 3 days now.",
                        "",
                        REFUND,
                        REFUND))));

    assertThat(v2).isEqualTo(v1 + 1);
    SearchResult result = index.search(SearchRequest.vector("en", REFUND, 10));
    assertThat(ids(result)).containsExactly("faq#0");
    assertThat(result.hits().get(0).chunk().answer()).isEqualTo("Refunds take 3 days now.");
    assertThat(result.hits().get(0).kbVersion()).isEqualTo(v2);
    assertThat(result.kbVersion()).isEqualTo(v2);
    assertThat(index.contentHash("faq")).contains("hash-2");
    assertThat(index.documents().get("faq").chunkCount()).isEqualTo(1);
  }

  @Test
  void shouldDeleteADocumentAndLeaveTheVersionAloneForUnknownOnes() {
    index.upsert(shopFaq());
    long v = index.version();

    long afterDelete = index.delete("faq");
    long afterUnknown = index.delete("never-indexed");

    assertThat(afterDelete).isEqualTo(v + 1);
    assertThat(afterUnknown).isEqualTo(afterDelete);
    assertThat(index.search(SearchRequest.vector("en", REFUND, 10)).hits()).isEmpty();
    assertThat(index.contentHash("faq")).isEmpty();
    assertThat(index.documents()).isEmpty();
  }

  @Test
  void shouldKeepVersionHashesAndChunksAcrossARestart() {
    index.upsert(shopFaq());
    long version = index.delete("faq") + 0;
    index.upsert(shopFaq());
    index.close();

    index = LuceneVectorIndex.open(LuceneIndexConfig.at(dir));

    assertThat(index.version()).isEqualTo(version + 1);
    assertThat(index.contentHash("faq")).contains("hash-1");
    assertThat(ids(index.search(SearchRequest.vector("en", PASSWORD, 1)))).containsExactly("faq#2");
    assertThat(index.upsert(shopFaq())).isEqualTo(version + 2);
  }

  @Test
  void shouldRememberADocumentWithoutChunks() {
    index.upsert(new DocumentUpdate("empty.txt", "e3b0", List.of()));

    assertThat(index.contentHash("empty.txt")).contains("e3b0");
    assertThat(index.documents().get("empty.txt").chunkCount()).isZero();
  }

  @Test
  void shouldSeeEachWriteWhileSearchesRunConcurrently() throws Exception {
    index.upsert(shopFaq());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch searching = new CountDownLatch(1);
    try {
      Future<Long> searches =
          pool.submit(
              () -> {
                long lastVersion = 0;
                while (writing.get()) {
                  SearchResult r = index.search(SearchRequest.vector("en", REFUND, 10));
                  // Never a mix of two versions of the document, never a version going back.
                  assertThat(r.hits()).hasSize(3);
                  assertThat(r.hits().stream().map(SearchHit::kbVersion).distinct()).hasSize(1);
                  assertThat(r.kbVersion()).isGreaterThanOrEqualTo(lastVersion);
                  lastVersion = r.kbVersion();
                  searching.countDown();
                }
                return lastVersion;
              });
      searching.await();
      long written = 0;
      for (int i = 0; i < 20; i++) {
        written = index.upsert(shopFaq());
        // Read-your-writes: the version just written is what the next search sees.
        assertThat(index.search(SearchRequest.vector("en", REFUND, 1)).kbVersion())
            .isEqualTo(written);
      }
      writing.set(false);
      assertThat(searches.get()).isLessThanOrEqualTo(written);
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
  }

  @Test
  void shouldRejectVectorsOfAnotherDimensionForTheSameLanguage() {
    index.upsert(shopFaq());

    assertThatThrownBy(
            () ->
                index.upsert(
                    new DocumentUpdate(
                        "other", "h", List.of(passage("other", 0, "text", new float[] {1, 0})))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3-dimensional");
    assertThatThrownBy(() -> index.search(SearchRequest.vector("en", new float[] {1, 0}, 1)))
        .hasMessageContaining("dimensions");
  }

  @Test
  void shouldRefuseASecondWriterOnTheSameDirectory() {
    assertThatThrownBy(() -> LuceneVectorIndex.open(LuceneIndexConfig.at(dir)))
        .isInstanceOf(IndexException.class)
        .hasMessageContaining("already open");
  }

  @Test
  void shouldReturnNothingForAQueryWithoutKeywords() {
    index.upsert(shopFaq());

    assertThat(index.search(SearchRequest.keyword("en", "the of and ?", 5)).hits()).isEmpty();
    assertThat(
            index
                .search(new SearchRequest("en", REFUND, "???", SearchMode.HYBRID, 1, Set.of()))
                .hits())
        .extracting(h -> h.chunk().id())
        .containsExactly("faq#0");
  }
}
