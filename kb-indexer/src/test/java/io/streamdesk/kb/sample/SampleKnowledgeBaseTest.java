package io.streamdesk.kb.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.streamdesk.kb.index.DocumentResult;
import io.streamdesk.kb.index.IndexListener;
import io.streamdesk.kb.index.IndexSummary;
import io.streamdesk.kb.index.IndexerConfig;
import io.streamdesk.kb.index.KnowledgeBaseIndexer;
import io.streamdesk.kb.parse.MarkdownParser;
import io.streamdesk.kb.parse.PdfParser;
import io.streamdesk.kb.parse.ProseDocument;
import io.streamdesk.knowledge.encoder.Encoder;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.encoder.ModelCatalogue;
import io.streamdesk.knowledge.encoder.OnnxEncoder;
import io.streamdesk.knowledge.index.SearchHit;
import io.streamdesk.knowledge.index.SearchRequest;
import io.streamdesk.knowledge.index.lucene.LuceneIndexConfig;
import io.streamdesk.knowledge.index.lucene.LuceneVectorIndex;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.knowledge.language.ScriptLanguageDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged sample KB, as the build leaves it: indexed whole, in both languages. */
class SampleKnowledgeBaseTest {

  private static final Path SOURCES = Path.of("src/main/resources/sample-kb");

  @TempDir static Path indexDir;

  private static LuceneVectorIndex index;
  private static LanguageRouter router;
  private static IndexSummary cold;

  @BeforeAll
  static void indexTheSampleKb() {
    index = LuceneVectorIndex.open(LuceneIndexConfig.at(indexDir));
    router = LanguageRouter.withOnnxModels(RoutingConfig.defaults(), EncoderConfig.defaults());
    cold =
        SampleKnowledgeBase.indexInto(
            new KnowledgeBaseIndexer(index, router, IndexerConfig.defaults()), IndexListener.NONE);
  }

  @AfterAll
  static void close() {
    index.close();
    router.close();
  }

  @Test
  void shouldIndexEveryDocumentOfBothLanguagesWithTheWarrantyPolicyAsPdf() {
    assertThat(cold.failures()).isEmpty();
    assertThat(cold.added()).isEqualTo(12);
    assertThat(index.documents().keySet())
        .contains(
            "sample-kb/zh/faq.csv",
            "sample-kb/en/faq.csv",
            "sample-kb/zh/docs/warranty-policy.pdf",
            "sample-kb/en/docs/warranty-policy.pdf",
            "sample-kb/zh/docs/lumabot-x1-guide.md")
        .noneMatch(id -> id.endsWith("warranty-policy.md"));
    assertThat(index.documents().get("sample-kb/zh/faq.csv").chunkCount()).isEqualTo(68);
    assertThat(index.documents().get("sample-kb/en/faq.csv").chunkCount()).isEqualTo(68);
    assertThat(cold.results())
        .filteredOn(r -> r.documentId().startsWith("sample-kb/zh/"))
        .extracting(DocumentResult::language)
        .containsOnly("zh");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "zh | 订单未付款多久会自动取消？ | sample-kb/zh/faq.csv#zh-faq-003",
        "en | How long do I have to pay before an order is cancelled automatically? | sample-kb/en/faq.csv#en-faq-003"
      })
  void shouldFindAnFaqEntryFirstByItsQuestion(String language, String query, String chunkId) {
    assertThat(search(language, query, 3)).first().isEqualTo(chunkId);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "zh | 没付款的订单过多久会被系统取消？ | sample-kb/zh/faq.csv#zh-faq-003",
        "en | How many minutes until an unpaid order is cancelled? | sample-kb/en/faq.csv#en-faq-003"
      })
  void shouldFindAnFaqEntryAmongTheTopHitsByAParaphrase(
      String language, String query, String chunkId) {
    assertThat(search(language, query, 3)).contains(chunkId);
  }

  private static List<String> search(String language, String query, int k) {
    float[] vector = router.encoderFor(language).embed(query);
    return index.search(SearchRequest.hybrid(language, vector, query, k)).hits().stream()
        .map(h -> h.chunk().id())
        .toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "zh | 扫地机器人的电池保修多久？ | sample-kb/zh/docs/warranty-policy.pdf",
        "en | How long is the battery of the robot vacuum covered by the warranty? | sample-kb/en/docs/warranty-policy.pdf"
      })
  void shouldFindPassagesOfThePdf(String language, String query, String documentId) {
    float[] vector = router.encoderFor(language).embed(query);
    List<SearchHit> hits = index.search(SearchRequest.hybrid(language, vector, query, 5)).hits();
    assertThat(hits).extracting(h -> h.chunk().documentId()).contains(documentId);
  }

  @Test
  void shouldSkipEverythingWithoutLoadingAModelWhenNothingChanged() {
    // Given a router that counts the models it loads
    AtomicInteger loads = new AtomicInteger();
    Function<String, Encoder> loader =
        name -> {
          loads.incrementAndGet();
          return OnnxEncoder.open(ModelCatalogue.require(name), EncoderConfig.defaults());
        };
    try (LanguageRouter counting =
        new LanguageRouter(new ScriptLanguageDetector(), RoutingConfig.defaults(), loader)) {
      // When the unchanged sample KB is indexed again
      IndexSummary again =
          SampleKnowledgeBase.indexInto(
              new KnowledgeBaseIndexer(index, counting, IndexerConfig.defaults()),
              IndexListener.NONE);

      // Then every document is skipped, the version stays, and no model was loaded
      assertThat(again.unchanged()).isEqualTo(12);
      assertThat(again.kbVersion()).isEqualTo(cold.kbVersion());
      assertThat(loads).hasValue(0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh"})
  void shouldReadThePdfBackAsItsMarkdownSource(String language) throws Exception {
    // Given the PDF the build rendered (the Chinese one only where a CJK font was found)
    Path pdf = SampleKnowledgeBase.root().resolve(language + "/docs/warranty-policy.pdf");
    assumeThat(Files.exists(pdf)).as("the build rendered " + pdf).isTrue();
    byte[] markdown = Files.readAllBytes(SOURCES.resolve(language + "/docs/warranty-policy.md"));

    // When both are parsed
    ProseDocument fromPdf =
        (ProseDocument) new PdfParser().parse(Files.readAllBytes(pdf), "warranty-policy.pdf");
    ProseDocument fromMarkdown =
        (ProseDocument) new MarkdownParser().parse(markdown, "warranty-policy.md");

    // Then title, headings and paragraphs are the same
    assertThat(fromPdf.title()).isEqualTo(fromMarkdown.title());
    assertThat(fromPdf.sections()).isEqualTo(fromMarkdown.sections());
  }
}
