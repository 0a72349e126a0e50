package io.streamdesk.kb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.kb.parse.DocumentFormat;
import io.streamdesk.kb.parse.FaqDocument;
import io.streamdesk.kb.parse.FaqEntry;
import io.streamdesk.kb.parse.ProseDocument;
import io.streamdesk.kb.parse.Section;
import io.streamdesk.knowledge.index.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentChunkerTest {

  private static final DocumentChunker.Target ZH_FAQ =
      new DocumentChunker.Target("kb/zh/faq.csv", "/kb/zh/faq.csv", "zh", "faq");

  private final DocumentChunker chunker = new DocumentChunker(new ChunkerConfig(60, 10));

  @Test
  void shouldMakeOneChunkPerFaqRowNeverSplitEvenWhenLong() {
    // Given an FAQ row whose answer is far longer than a chunk
    String longAnswer = "签收后7天内可申请无理由退货，商品需保持完好。".repeat(10);
    FaqDocument faq =
        new FaqDocument(
            DocumentFormat.CSV,
            "faq",
            List.of(
                new FaqEntry("zh-faq-024", "可以无理由退货吗？", longAnswer, "退换货", "2026-03-01", 1),
                new FaqEntry("zh-faq-025", "退货运费谁出？", "质量问题由我们承担。", "", "", 2)));

    // When chunked
    List<Chunk> chunks = chunker.chunk(faq, ZH_FAQ);

    // Then each row is one chunk that keeps its question and answer apart
    assertThat(chunks).hasSize(2);
    Chunk first = chunks.getFirst();
    assertThat(first.isFaq()).isTrue();
    assertThat(first.question()).isEqualTo("可以无理由退货吗？");
    assertThat(first.answer()).isEqualTo(longAnswer);
    assertThat(first.text()).isEqualTo("可以无理由退货吗？\n" + longAnswer);
    assertThat(first.id()).isEqualTo("kb/zh/faq.csv#zh-faq-024");
    assertThat(first.title()).isEqualTo("可以无理由退货吗？");
    assertThat(first.category()).isEqualTo("退换货");
    assertThat(first.source()).isEqualTo("/kb/zh/faq.csv");
    assertThat(first.language()).isEqualTo("zh");
    // A row without a category takes the document's.
    assertThat(chunks.get(1).category()).isEqualTo("faq");
    assertThat(chunks).extracting(Chunk::position).containsExactly(0, 1);
  }

  @Test
  void shouldNumberFaqChunksByPositionWhenRowsHaveNoIds() {
    FaqDocument faq =
        new FaqDocument(
            DocumentFormat.XLSX,
            "faq",
            List.of(
                new FaqEntry("", "Q1?", "A1.", "", "", 1),
                new FaqEntry("x", "Q2?", "A2.", "", "", 2)));

    assertThat(chunker.chunk(faq, ZH_FAQ))
        .extracting(Chunk::id)
        .containsExactly("kb/zh/faq.csv#0", "kb/zh/faq.csv#1");
  }

  @Test
  void shouldSplitEachSectionOnItsOwnWithItsHeadingPathAsTitle() {
    // Given a policy with a short intro and a long section
    String longSection = "Orders paid before 16:00 ship the same day. ".repeat(3);
    ProseDocument doc =
        new ProseDocument(
            DocumentFormat.MARKDOWN,
            "Shipping Policy",
            List.of(
                new Section(List.of(), "Applies from March."),
                new Section(List.of("1. Dispatch", "1.1 Times"), longSection)));
    var target = new DocumentChunker.Target("kb/en/shipping.md", "/kb/en/shipping.md", "en", "");

    // When chunked with 60-character chunks
    List<Chunk> chunks = chunker.chunk(doc, target);

    // Then no chunk spans two sections, titles carry the heading path, ids and positions follow
    assertThat(chunks.getFirst().text()).isEqualTo("Applies from March.");
    assertThat(chunks.getFirst().title()).isEqualTo("Shipping Policy");
    assertThat(chunks.subList(1, chunks.size()))
        .allSatisfy(
            c -> {
              assertThat(c.title()).isEqualTo("Shipping Policy › 1. Dispatch › 1.1 Times");
              assertThat(c.text()).hasSizeLessThanOrEqualTo(60).doesNotContain("March");
              assertThat(c.isFaq()).isFalse();
            });
    assertThat(chunks).hasSizeGreaterThan(2);
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(chunks.get(i).position()).isEqualTo(i);
      assertThat(chunks.get(i).id()).isEqualTo("kb/en/shipping.md#" + i);
    }
    // The title is embedded with the text.
    assertThat(chunks.get(1).fullText()).startsWith("Shipping Policy › 1. Dispatch › 1.1 Times\n");
  }

  @Test
  void shouldGiveTheSameIdsForTheSameDocument() {
    ProseDocument doc =
        new ProseDocument(
            DocumentFormat.TEXT, "t", List.of(new Section(List.of(), "一段文字。".repeat(30))));
    var target = new DocumentChunker.Target("d", "", "zh", "");
    assertThat(chunker.chunk(doc, target)).isEqualTo(chunker.chunk(doc, target));
  }
}
