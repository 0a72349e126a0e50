package io.streamdesk.kb.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Markdown, plain text and HTML: text formats that carry their structure in markup. */
class ProseParsersTest {

  @Test
  void shouldKeepMarkdownHeadingsAsSectionPaths() throws Exception {
    // Given Markdown with a title, nested headings, emphasis, a link and a list
    String md =
        """
        # Shipping Policy

        Intro with **bold** and a [link](https://example.com).

        ## 1. Dispatch

        1.1 Orders paid before 16:00 ship the same day.

        ### Remote regions

        - Xinjiang
        - Tibet

        ## 2. Fees

        Free from ¥99.
        """;

    // When parsed
    ProseDocument doc = parse(new MarkdownParser(), md, "shipping.md");

    // Then the H1 is the title and each section knows its heading path
    assertThat(doc.title()).isEqualTo("Shipping Policy");
    assertThat(doc.sections())
        .extracting(Section::headings, Section::body)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(List.of(), "Intro with bold and a link."),
            org.assertj.core.groups.Tuple.tuple(
                List.of("1. Dispatch"), "1.1 Orders paid before 16:00 ship the same day."),
            org.assertj.core.groups.Tuple.tuple(
                List.of("1. Dispatch", "Remote regions"), "- Xinjiang\n\n- Tibet"),
            org.assertj.core.groups.Tuple.tuple(List.of("2. Fees"), "Free from ¥99."));
  }

  @Test
  void shouldUseTheFileNameAsTitleOfMarkdownWithoutHeading() throws Exception {
    ProseDocument doc = parse(new MarkdownParser(), "Just text.", "docs/notes.md");
    assertThat(doc.title()).isEqualTo("notes");
  }

  @Test
  void shouldTakeAShortFirstLineOfPlainTextAsTitle() throws Exception {
    // Given a text file with a title line and two paragraphs (Windows line ends)
    String txt = "会员章程\r\n\r\n第一段，说明会员等级。\r\n续行。\r\n\r\n第二段。";

    // When parsed
    ProseDocument doc = parse(new TextParser(), txt, "terms.txt");

    // Then the first line is the title and the paragraphs are kept apart
    assertThat(doc.title()).isEqualTo("会员章程");
    assertThat(doc.sections())
        .singleElement()
        .extracting(Section::body)
        .isEqualTo("第一段，说明会员等级。\n续行。\n\n第二段。");
  }

  @Test
  void shouldReadTheMainTextOfAnHtmlPageWithoutBoilerplate() throws Exception {
    // Given a page with navigation, a script, a footer and a main article
    String html =
        """
        <!doctype html><html><head><meta charset="utf-8"><title>Returns | LumaShop</title>
        <script>var tracking = 1;</script><style>p{color:red}</style></head>
        <body><nav><a href="/">Home</a> <a href="/faq">FAQ</a></nav>
        <main><h1>Returns and refunds</h1><p>Return within <b>7 days</b>.</p>
        <h2>Refund times</h2><ul><li>Alipay: 1-3 days</li><li>Bank card: 3-7 days</li></ul>
        <table><tr><th>Tier</th><th>Days</th></tr><tr><td>Gold</td><td>15</td></tr></table>
        <div>Loose text in a div.</div></main>
        <footer>© LumaShop</footer></body></html>
        """;

    // When parsed
    ProseDocument doc = parse(new HtmlParser(), html, "returns.html");

    // Then only the main text remains, structured by its headings
    assertThat(doc.title()).isEqualTo("Returns | LumaShop");
    assertThat(doc.plainText())
        .doesNotContain("Home", "tracking", "color", "©")
        .contains("Return within 7 days.");
    assertThat(doc.sections()).hasSize(2);
    assertThat(doc.sections().get(0).headings()).containsExactly("Returns and refunds");
    assertThat(doc.sections().get(1).headings())
        .containsExactly("Returns and refunds", "Refund times");
    assertThat(doc.sections().get(1).body())
        .isEqualTo(
            "- Alipay: 1-3 days\n\n- Bank card: 3-7 days\n\nTier | Days\n\nGold | 15\n\nLoose text in a div.");
  }

  @Test
  void shouldRefuseAnHtmlPageWithoutText() {
    assertThatThrownBy(
            () ->
                parse(
                    new HtmlParser(),
                    "<html><body><script>x()</script></body></html>",
                    "empty.html"))
        .isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("no text");
  }

  @Test
  void shouldRefuseBinaryContentAsText() {
    byte[] binary = {0x01, 0x00, 0x02, 0x00, 0x03};
    assertThatThrownBy(() -> new TextParser().parse(binary, "blob.txt"))
        .isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("not text");
  }

  private static ProseDocument parse(DocumentParser parser, String text, String name)
      throws DocumentParseException {
    return (ProseDocument) parser.parse(text.getBytes(StandardCharsets.UTF_8), name);
  }
}
