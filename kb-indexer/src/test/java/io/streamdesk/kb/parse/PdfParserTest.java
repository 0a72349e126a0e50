package io.streamdesk.kb.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.streamdesk.kb.sample.CjkFonts;
import io.streamdesk.kb.sample.MarkdownPdfRenderer;
import java.io.ByteArrayOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

class PdfParserTest {

  private static final String POLICY =
      """
      # Warranty Policy

      Version: March 2026

      ## 1. Warranty periods

      1.1 Luma-brand smart devices: 1 year on the main unit. This sentence is long enough to be
      wrapped onto a second line of the page, so that the parser has to join the two lines back
      into one paragraph.

      1.2 Accessories: 6 months.

      ## 2. Claims

      2.1 Request a repair in My Orders.
      """;

  private final PdfParser parser = new PdfParser();

  @Test
  void shouldRecoverTitleHeadingsAndParagraphsFromTheLayout() throws Exception {
    // Given a PDF rendered from Markdown (headings set larger, paragraphs spaced apart)
    byte[] pdf = new MarkdownPdfRenderer(null).render(POLICY, "en");

    // When parsed
    ProseDocument doc = (ProseDocument) parser.parse(pdf, "warranty.pdf");

    // Then the title, the sections and the wrapped paragraph come back
    assertThat(doc.title()).isEqualTo("Warranty Policy");
    assertThat(doc.sections()).hasSize(3);
    assertThat(doc.sections().get(0).headings()).isEmpty();
    assertThat(doc.sections().get(0).body()).isEqualTo("Version: March 2026");
    assertThat(doc.sections().get(1).headings()).containsExactly("1. Warranty periods");
    assertThat(doc.sections().get(1).body())
        .isEqualTo(
            "1.1 Luma-brand smart devices: 1 year on the main unit. This sentence is long enough to"
                + " be wrapped onto a second line of the page, so that the parser has to join the"
                + " two lines back into one paragraph.\n\n1.2 Accessories: 6 months.");
    assertThat(doc.sections().get(2).headings()).containsExactly("2. Claims");
  }

  @Test
  void shouldJoinWrappedChineseLinesWithoutSpaces() throws Exception {
    // Given a Chinese PDF (needs a CJK font on the machine; CI installs one)
    var font = CjkFonts.locate();
    assumeThat(font).as("a CJK TrueType font (" + CjkFonts.searched() + ")").isPresent();
    String zh = "# 保修政策\n\n## 一、保修期限\n\n" + "鲁玛品牌智能设备主机保修一年，配件保修六个月，耗材不提供保修。".repeat(4) + "\n";
    byte[] pdf;
    try (var loaded = font.get()) {
      pdf = new MarkdownPdfRenderer(loaded.font()).render(zh, "zh-CN");
    }

    // When parsed
    ProseDocument doc = (ProseDocument) parser.parse(pdf, "保修.pdf");

    // Then the paragraph reads as it was written
    assertThat(doc.title()).isEqualTo("保修政策");
    assertThat(doc.sections())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.headings()).containsExactly("一、保修期限");
              assertThat(s.body()).isEqualTo("鲁玛品牌智能设备主机保修一年，配件保修六个月，耗材不提供保修。".repeat(4));
            });
  }

  @Test
  void shouldRefuseAPasswordProtectedPdf() throws Exception {
    // Given a PDF that needs a user password
    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      var policy = new StandardProtectionPolicy("owner", "secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }

    // When parsed, then the reason says a password is needed
    assertThatThrownBy(() -> parser.parse(pdf, "secret.pdf"))
        .isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("password");
  }

  @Test
  void shouldRefuseAPdfWithoutText() throws Exception {
    // Given a PDF with an empty page (like a scan without OCR)
    byte[] pdf;
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }

    // When parsed, then it says there is no text layer
    assertThatThrownBy(() -> parser.parse(pdf, "scan.pdf"))
        .isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("no text layer");
  }

  @Test
  void shouldRefuseACorruptPdf() {
    byte[] corrupt = "%PDF-1.7\n garbage without objects".getBytes();
    assertThatThrownBy(() -> parser.parse(corrupt, "broken.pdf"))
        .isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("PDF");
  }
}
