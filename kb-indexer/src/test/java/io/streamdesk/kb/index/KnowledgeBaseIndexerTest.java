package io.streamdesk.kb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.kb.chunk.ChunkerConfig;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.index.SearchHit;
import io.streamdesk.knowledge.index.SearchRequest;
import io.streamdesk.knowledge.index.lucene.LuceneIndexConfig;
import io.streamdesk.knowledge.index.lucene.LuceneVectorIndex;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental indexing against the real Lucene index and the real English encoder. */
class KnowledgeBaseIndexerTest {

  private static LanguageRouter router;

  @TempDir Path kb;
  @TempDir Path indexDir;

  private LuceneVectorIndex index;
  private KnowledgeBaseIndexer indexer;

  @BeforeAll
  static void loadModels() {
    router = LanguageRouter.withOnnxModels(RoutingConfig.defaults(), EncoderConfig.defaults());
  }

  @AfterAll
  static void closeModels() {
    router.close();
  }

  @BeforeEach
  void openIndex() {
    index = LuceneVectorIndex.open(LuceneIndexConfig.at(indexDir));
    indexer = new KnowledgeBaseIndexer(index, router, IndexerConfig.defaults());
  }

  @AfterEach
  void closeIndex() {
    index.close();
  }

  @Test
  void shouldAddEveryDocumentOnceAndSkipThemWhenUnchanged() throws Exception {
    // Given a folder with an FAQ table and a policy
    write(
        "faq.csv",
        "id,question,answer,category\n1,How long is the warranty?,One year on Luma devices.,warranty\n2,Can I pay with Alipay?,Yes.,payment\n");
    write("docs/policy.md", "# Returns\n\nReturn any item within 7 days of delivery.\n");

    // When indexed twice
    IndexSummary first = indexer.index(List.of(IndexSource.of(kb)), IndexListener.NONE);
    IndexSummary second = indexer.index(List.of(IndexSource.of(kb)), IndexListener.NONE);

    // Then the first run adds both (two versions), the second skips both and changes nothing
    assertThat(first.added()).isEqualTo(2);
    assertThat(first.failed()).isZero();
    assertThat(first.chunksWritten()).isEqualTo(3);
    assertThat(first.kbVersion()).isEqualTo(2);
    assertThat(second.unchanged()).isEqualTo(2);
    assertThat(second.unchangedIndex()).isTrue();
    assertThat(second.kbVersion()).isEqualTo(2);
    assertThat(index.documents()).containsOnlyKeys(id("faq.csv"), id("docs/policy.md"));
    assertThat(index.documents().get(id("faq.csv")).chunkCount()).isEqualTo(2);
  }

  @Test
  void shouldReplaceAChangedDocumentsChunksAndBumpTheVersion() throws Exception {
    // Given an indexed policy
    write("policy.md", "# Returns\n\nReturn any item within 7 days of delivery.\n");
    indexer.index(List.of(IndexSource.of(kb)), IndexListener.NONE);
    long before = index.version();

    // When its text changes and the folder is indexed again
    write(
        "policy.md",
        "# Returns\n\nGold members may return items within 15 days.\n\n## Refunds\n\nRefunds take 1-3 business days.\n");
    IndexSummary summary = indexer.index(List.of(IndexSource.of(kb)), IndexListener.NONE);

    // Then it is updated in one change and only its new text is found
    assertThat(summary.updated()).isEqualTo(1);
    assertThat(summary.kbVersion()).isEqualTo(before + 1);
    assertThat(index.documents().get(id("policy.md")).chunkCount()).isEqualTo(2);
    List<String> texts = search("how many days to return an item", 10);
    assertThat(texts).anyMatch(t -> t.contains("15 days")).noneMatch(t -> t.contains("7 days"));
  }

  @Test
  void shouldDeleteDocumentsGoneFromTheFolderAndNothingElse() throws Exception {
    // Given two documents in the folder and one indexed from elsewhere
    write("a.md", "# A\n\nAlpha text about parcels.\n");
    write("b.md", "# B\n\nBeta text about invoices.\n");
    indexer.index(List.of(IndexSource.of(kb)), IndexListener.NONE);
    indexer.index(
        new SourceDocument(
            "topic/doc-1",
            "doc.txt",
            "Gamma text about coupons.".getBytes(StandardCharsets.UTF_8),
            null,
            null,
            null,
            null,
            "cs.kb.documents"));

    // When one file is removed and the folder re-indexed
    Files.delete(kb.resolve("b.md"));
    IndexSummary summary = indexer.index(List.of(IndexSource.of(kb)), IndexListener.NONE);

    // Then only that document is deleted
    assertThat(summary.deleted()).isEqualTo(1);
    assertThat(summary.unchanged()).isEqualTo(1);
    assertThat(index.documents()).containsOnlyKeys(id("a.md"), "topic/doc-1");
    assertThat(search("invoices", 5)).noneMatch(t -> t.contains("Beta"));
  }

  @Test
  void shouldReportCorruptAndUnsupportedFilesByNameAndGoOn() throws Exception {
    // Given a good file, a corrupt PDF, a corrupt workbook and an unsupported file
    write("good.txt", "Our hotline is open daily from 9:00 to 22:00.");
    Files.write(
        kb.resolve("broken.pdf"), "%PDF-1.7 nothing here".getBytes(StandardCharsets.US_ASCII));
    Files.write(kb.resolve("faq.xlsx"), new byte[] {'P', 'K', 3, 4, 0, 0});
    Files.write(kb.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Files.write(kb.resolve(".hidden.md"), "# skipped".getBytes(StandardCharsets.UTF_8));
    List<DocumentResult> seen = new ArrayList<>();
    IndexListener listener =
        new IndexListener() {
          @Override
          public void finished(DocumentResult result) {
            seen.add(result);
          }
        };

    // When indexed
    IndexSummary summary = indexer.index(List.of(IndexSource.of(kb)), listener);

    // Then the good file is indexed, each bad one is reported with its name and reason
    assertThat(summary.added()).isEqualTo(1);
    assertThat(summary.failures())
        .extracting(DocumentResult::documentId)
        .containsExactlyInAnyOrder(id("broken.pdf"), id("faq.xlsx"), id("logo.png"));
    assertThat(summary.failures())
        .extracting(DocumentResult::error)
        .anyMatch(e -> e.contains("PDF"))
        .anyMatch(e -> e.contains("workbook"))
        .anyMatch(e -> e.contains("unsupported file type .png"));
    assertThat(seen).hasSize(4);
    assertThat(index.documents()).containsOnlyKeys(id("good.txt"));
  }

  @Test
  void shouldReindexEverythingWhenTheChunkingChanges() throws Exception {
    // Given an indexed document
    write("policy.md", "# Returns\n\n" + "Return any item within 7 days of delivery. ".repeat(20));
    indexer.index(List.of(IndexSource.of(kb)), IndexListener.NONE);
    int chunks = index.documents().get(id("policy.md")).chunkCount();

    // When indexed again with smaller chunks
    var smaller =
        new KnowledgeBaseIndexer(
            index, router, IndexerConfig.defaults().withChunker(new ChunkerConfig(200, 20)));
    IndexSummary summary = smaller.index(List.of(IndexSource.of(kb)), IndexListener.NONE);

    // Then it is re-chunked though its bytes did not change
    assertThat(summary.updated()).isEqualTo(1);
    assertThat(index.documents().get(id("policy.md")).chunkCount()).isGreaterThan(chunks);
  }

  @Test
  void shouldIndexOneSubmittedDocumentIdempotently() {
    // Given a document submitted as bytes
    var doc =
        new SourceDocument(
            "doc-7",
            "",
            "# Invoices\n\nElectronic invoices arrive within 48 hours."
                .getBytes(StandardCharsets.UTF_8),
            "text/markdown",
            "en",
            null,
            "invoices",
            "cs.kb.documents");

    // When submitted twice and then deleted twice
    DocumentResult added = indexer.index(doc);
    DocumentResult again = indexer.index(doc);
    DocumentResult deleted = indexer.delete("doc-7", "cs.kb.documents");
    DocumentResult deletedAgain = indexer.delete("doc-7", "cs.kb.documents");

    // Then it is added once, unchanged once, and deleted once (a repeated delete changes nothing)
    assertThat(added.status()).isEqualTo(DocumentStatus.ADDED);
    assertThat(added.language()).isEqualTo("en");
    assertThat(added.contentHash()).hasSize(64);
    assertThat(again.status()).isEqualTo(DocumentStatus.UNCHANGED);
    assertThat(again.chunkCount()).isEqualTo(added.chunkCount());
    assertThat(again.kbVersion()).isEqualTo(added.kbVersion());
    assertThat(deleted.kbVersion()).isEqualTo(added.kbVersion() + 1);
    assertThat(deletedAgain.kbVersion()).isEqualTo(deleted.kbVersion());
    assertThat(index.documents()).isEmpty();
  }

  private String id(String relative) {
    return IndexSource.defaultId(kb) + "/" + relative;
  }

  private void write(String relative, String text) throws Exception {
    Path file = kb.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private List<String> search(String query, int k) {
    float[] vector = router.encoderFor("en").embed(query);
    return index.search(SearchRequest.hybrid("en", vector, query, k)).hits().stream()
        .map(SearchHit::chunk)
        .map(c -> c.text())
        .toList();
  }
}
