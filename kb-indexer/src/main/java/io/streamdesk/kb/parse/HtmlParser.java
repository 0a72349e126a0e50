package io.streamdesk.kb.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads the main text of an HTML page: the {@code <main>} or {@code <article>} element (or the
 * body), without scripts, styles, navigation, headers, footers, asides and forms. {@code h1}-{@code
 * h6} give the section structure; block elements (paragraphs, list items, table rows, ...) become
 * paragraphs. The title is the page's {@code <title>}, else its first heading.
 */
public final class HtmlParser implements DocumentParser {

  private static final String BOILERPLATE =
      "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg,"
          + " button, [role=navigation], [aria-hidden=true]";

  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "section",
          "article",
          "main",
          "li",
          "ul",
          "ol",
          "dl",
          "dt",
          "dd",
          "tr",
          "table",
          "thead",
          "tbody",
          "pre",
          "blockquote",
          "br",
          "hr",
          "figure",
          "figcaption",
          "address",
          "details",
          "summary");

  @Override
  public DocumentFormat format() {
    return DocumentFormat.HTML;
  }

  @Override
  public ParsedDocument parse(byte[] content, String name) throws DocumentParseException {
    Document page;
    try {
      // jsoup finds the charset from a BOM or <meta charset>, defaulting to UTF-8.
      page = Jsoup.parse(new ByteArrayInputStream(content), null, "");
    } catch (IOException e) {
      throw new DocumentParseException("unreadable HTML: " + e.getMessage(), e);
    }
    String title = page.title();
    Element main = mainElement(page);
    main.select(BOILERPLATE).remove();
    SectionsBuilder sections = new SectionsBuilder(title);
    TextCollector collector = new TextCollector(sections);
    NodeTraversor.traverse(collector, main);
    collector.finish();
    var result = sections.sections();
    if (result.isEmpty()) {
      throw new DocumentParseException("no text in the HTML page");
    }
    return new ProseDocument(format(), sections.title(SectionsBuilder.baseName(name)), result);
  }

  private static Element mainElement(Document page) {
    for (String candidate : new String[] {"main", "[role=main]", "article"}) {
      Element found = page.selectFirst(candidate);
      if (found != null && !found.text().isBlank()) {
        return found;
      }
    }
    return page.body();
  }

  /** Walks the tree, writing text into the current paragraph and closing it at block borders. */
  private static final class TextCollector implements NodeVisitor {

    private final SectionsBuilder sections;
    private final StringBuilder paragraph = new StringBuilder();
    private int preDepth;

    TextCollector(SectionsBuilder sections) {
      this.sections = sections;
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode text) {
        appendText(text);
      } else if (node instanceof Element element) {
        String tag = element.normalName();
        if (isHeading(tag)) {
          endParagraph();
          sections.heading(tag.charAt(1) - '0', element.text());
        } else if (BLOCKS.contains(tag) || tag.equals("td") || tag.equals("th")) {
          if (tag.equals("td") || tag.equals("th")) {
            if (!paragraph.isEmpty()) {
              paragraph.append(" | ");
            }
          } else {
            endParagraph();
          }
          if (tag.equals("li")) {
            paragraph.append("- ");
          }
          if (tag.equals("pre")) {
            preDepth++;
          }
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element element) {
        String tag = element.normalName();
        if (tag.equals("pre")) {
          preDepth--;
        }
        if (BLOCKS.contains(tag)) {
          endParagraph();
        }
      }
    }

    void finish() {
      endParagraph();
    }

    private void appendText(TextNode text) {
      // Heading text was taken whole when the heading was entered.
      for (Node p = text.parent(); p != null; p = p.parent()) {
        if (p instanceof Element e && isHeading(e.normalName())) {
          return;
        }
      }
      if (preDepth > 0) {
        paragraph.append(text.getWholeText());
        return;
      }
      String t = text.text().replaceAll("\\s+", " ");
      if (paragraph.isEmpty() || paragraph.charAt(paragraph.length() - 1) == ' ') {
        t = t.stripLeading();
      }
      paragraph.append(t);
    }

    private void endParagraph() {
      String text = paragraph.toString().strip();
      if (text.equals("-")) {
        text = "";
      }
      sections.paragraph(text);
      paragraph.setLength(0);
    }

    private static boolean isHeading(String tag) {
      return tag.length() == 2
          && tag.charAt(0) == 'h'
          && tag.charAt(1) >= '1'
          && tag.charAt(1) <= '6';
    }
  }
}
