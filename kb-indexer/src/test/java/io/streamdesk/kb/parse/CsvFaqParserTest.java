package io.streamdesk.kb.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvFaqParserTest {

  private final CsvFaqParser parser = new CsvFaqParser();

  @Test
  void shouldReadEnglishFaqRowsWithQuotedCommasAndNewlines() throws Exception {
    // Given an RFC 4180 CSV with a quoted answer holding commas, quotes and a line break
    String csv =
        "id,question,answer,category,updated\r\n"
            + "en-1,How do I pay?,\"Alipay, WeChat Pay or \"\"UnionPay\"\".\r\nNo cash.\",payment,2026-03-02\r\n"
            + "en-2,Can I cancel?,Yes while awaiting shipment.,orders,2026-04-15\r\n";

    // When parsed
    FaqDocument faq = (FaqDocument) parser.parse(csv.getBytes(StandardCharsets.UTF_8), "faq.csv");

    // Then each row is one entry with its fields
    assertThat(faq.entries()).hasSize(2);
    FaqEntry first = faq.entries().getFirst();
    assertThat(first.id()).isEqualTo("en-1");
    assertThat(first.question()).isEqualTo("How do I pay?");
    assertThat(first.answer()).isEqualTo("Alipay, WeChat Pay or \"UnionPay\".\r\nNo cash.");
    assertThat(first.category()).isEqualTo("payment");
    assertThat(first.updated()).isEqualTo("2026-03-02");
    assertThat(faq.title()).isEqualTo("faq");
  }

  @Test
  void shouldAcceptChineseHeadersAndAnyColumnOrder() throws Exception {
    // Given Chinese header names in another order, with a byte-order mark
    String csv = "\uFEFF分类,答案,问题\n退换货,签收后7天内可申请无理由退货。,可以无理由退货吗？\n";

    // When parsed
    FaqDocument faq = (FaqDocument) parser.parse(csv.getBytes(StandardCharsets.UTF_8), "常见问题.csv");

    // Then the columns are found by name
    assertThat(faq.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.question()).isEqualTo("可以无理由退货吗？");
              assertThat(e.answer()).isEqualTo("签收后7天内可申请无理由退货。");
              assertThat(e.category()).isEqualTo("退换货");
              assertThat(e.id()).isEmpty();
            });
  }

  @Test
  void shouldMatchHeadersCaseInsensitivelyAndFindTheDelimiter() throws Exception {
    // Given a semicolon-separated file with upper-case headers
    String csv =
        "QUESTION ; Answer ; Last_Updated\nWhere is my parcel?;Track it in My Orders.;2026-01-01\n";

    // When parsed
    FaqDocument faq = (FaqDocument) parser.parse(csv.getBytes(StandardCharsets.UTF_8), "faq.csv");

    // Then the row is read
    assertThat(faq.entries()).singleElement().extracting(FaqEntry::updated).isEqualTo("2026-01-01");
  }

  @Test
  void shouldDecodeGb18030WhenTheFileIsNotUtf8() throws Exception {
    // Given a CSV saved by a Chinese Excel in GB18030
    byte[] csv = "问题,答案\n怎么开发票？,在订单详情页申请电子发票。\n".getBytes(Charset.forName("GB18030"));

    // When parsed
    FaqDocument faq = (FaqDocument) parser.parse(csv, "faq.csv");

    // Then the Chinese text is intact
    assertThat(faq.entries().getFirst().question()).isEqualTo("怎么开发票？");
  }

  @Test
  void shouldSkipRowsWithoutAnAnswerAndDropDuplicateIds() throws Exception {
    // Given a row without answer and two rows sharing an id
    String csv =
        "id,question,answer\n1,Q one?,A one.\n2,Q two?,\n1,Q three?,A three.\n3,Q four?,A four.\n";

    // When parsed
    FaqDocument faq = (FaqDocument) parser.parse(csv.getBytes(StandardCharsets.UTF_8), "faq.csv");

    // Then the empty row is gone and the clashing ids are not used
    assertThat(faq.entries())
        .extracting(FaqEntry::question)
        .containsExactly("Q one?", "Q three?", "Q four?");
    assertThat(faq.entries()).extracting(FaqEntry::id).containsExactly("", "", "3");
    assertThat(faq.entries()).extracting(FaqEntry::row).containsExactly(1, 3, 4);
  }

  @Test
  void shouldRefuseATableWithoutQuestionAndAnswerColumns() {
    // Given a CSV of something else
    byte[] csv = "sku,price\nX1,2999\n".getBytes(StandardCharsets.UTF_8);

    // When parsed, then the reason names the missing columns
    assertThatThrownBy(() -> parser.parse(csv, "prices.csv"))
        .isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("question and an answer column")
        .hasMessageContaining("[sku, price]");
  }

  @Test
  void shouldRefuseMalformedCsv() {
    // Given an unterminated quoted field
    byte[] csv = "question,answer\n\"How?,never closed\n".getBytes(StandardCharsets.UTF_8);

    // When parsed, then it is a parse error, not a crash
    assertThatThrownBy(() -> parser.parse(csv, "broken.csv"))
        .isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("malformed CSV");
  }
}
