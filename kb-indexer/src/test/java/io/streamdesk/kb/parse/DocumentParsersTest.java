package io.streamdesk.kb.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentParsersTest {

  private final DocumentParsers parsers = DocumentParsers.defaults();

  @Test
  void shouldPickTheFormatFromContentTypeThenNameThenContent() throws Exception {
    byte[] md = "# Title\n\nBody.".getBytes(StandardCharsets.UTF_8);
    assertThat(parsers.formatOf("x.txt", "text/markdown; charset=utf-8", md))
        .isEqualTo(DocumentFormat.MARKDOWN);
    assertThat(parsers.formatOf("x.txt", ".md", md)).isEqualTo(DocumentFormat.MARKDOWN);
    assertThat(parsers.formatOf("Policy.MD", null, md)).isEqualTo(DocumentFormat.MARKDOWN);
    assertThat(parsers.formatOf("", null, md)).isEqualTo(DocumentFormat.MARKDOWN);
    assertThat(parsers.formatOf(null, null, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(DocumentFormat.PDF);
    assertThat(
            parsers.formatOf("page", null, "<!DOCTYPE html><p>x".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(DocumentFormat.HTML);
    assertThat(parsers.formatOf("notes", null, "plain words".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(DocumentFormat.TEXT);
  }

  @Test
  void shouldRefuseAnUnsupportedExtensionNamingWhatIsSupported() {
    assertThatThrownBy(() -> parsers.parse(new byte[] {1, 2, 3}, "photo.png", null))
        .isInstanceOf(UnsupportedFormatException.class)
        .hasMessageContaining("unsupported file type .png")
        .hasMessageContaining("pdf");
  }

  @Test
  void shouldRefuseAnUnknownContentType() {
    assertThatThrownBy(() -> parsers.parse(new byte[] {1}, "x", "image/png"))
        .isInstanceOf(UnsupportedFormatException.class)
        .hasMessageContaining("image/png");
  }

  @Test
  void shouldRefuseAnEmptyFile() {
    assertThatThrownBy(() -> parsers.parse(new byte[0], "faq.csv", null))
        .isInstanceOf(DocumentParseException.class)
        .hasMessage("empty file");
  }

  @Test
  void shouldParseThroughTheRegistry() throws Exception {
    ParsedDocument doc =
        parsers.parse("question,answer\nQ?,A.\n".getBytes(StandardCharsets.UTF_8), "faq.csv", null);
    assertThat(doc).isInstanceOf(FaqDocument.class);
    assertThat(parsers.supportsName("a/b/Guide.DOCX")).isTrue();
    assertThat(parsers.supportsName("README")).isFalse();
  }
}
