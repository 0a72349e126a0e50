package io.streamdesk.kb.parse;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;

/**
 * Reads Markdown (CommonMark): headings become the section structure (the first one, when it comes
 * before any text, is the title), paragraphs, list items and code blocks become paragraphs in plain
 * text (emphasis and link syntax removed, link text kept).
 */
public final class MarkdownParser implements DocumentParser {

  private static final Parser PARSER = Parser.builder().build();

  @Override
  public DocumentFormat format() {
    return DocumentFormat.MARKDOWN;
  }

  @Override
  public ParsedDocument parse(byte[] content, String name) throws DocumentParseException {
    Node root = PARSER.parse(TextDecoding.decode(content));
    SectionsBuilder sections = new SectionsBuilder(null);
    root.accept(new BlockVisitor(sections));
    var result = sections.sections();
    if (result.isEmpty()) {
      throw new DocumentParseException("no text in the Markdown document");
    }
    return new ProseDocument(format(), sections.title(SectionsBuilder.baseName(name)), result);
  }

  /** Visits blocks only; inline content is rendered to text per block. */
  private static final class BlockVisitor extends AbstractVisitor {

    private final SectionsBuilder sections;

    BlockVisitor(SectionsBuilder sections) {
      this.sections = sections;
    }

    @Override
    public void visit(Heading heading) {
      sections.heading(heading.getLevel(), InlineText.of(heading));
    }

    @Override
    public void visit(Paragraph paragraph) {
      // A paragraph inside a list item is written by the item, with its marker.
      if (!(paragraph.getParent() instanceof ListItem)) {
        sections.paragraph(InlineText.of(paragraph));
      }
    }

    @Override
    public void visit(ListItem item) {
      StringBuilder text = new StringBuilder();
      for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
        if (child instanceof Paragraph) {
          if (!text.isEmpty()) {
            text.append('\n');
          }
          text.append(InlineText.of(child).strip());
        }
      }
      sections.paragraph(text.isEmpty() ? "" : "- " + text);
      // Nested lists inside the item are items of their own.
      visitChildren(item);
    }

    @Override
    public void visit(FencedCodeBlock code) {
      sections.paragraph(code.getLiteral());
    }

    @Override
    public void visit(IndentedCodeBlock code) {
      sections.paragraph(code.getLiteral());
    }

    @Override
    public void visit(HtmlBlock html) {
      sections.paragraph(Jsoup.parse(html.getLiteral()).text());
    }

    @Override
    public void visit(BlockQuote quote) {
      visitChildren(quote);
    }

    @Override
    public void visit(ThematicBreak rule) {
      // A horizontal rule carries no text.
    }
  }

  /** The plain text of a block's inline content. */
  private static final class InlineText extends AbstractVisitor {

    private final StringBuilder text = new StringBuilder();

    static String of(Node block) {
      InlineText visitor = new InlineText();
      for (Node child = block.getFirstChild(); child != null; child = child.getNext()) {
        child.accept(visitor);
      }
      return visitor.text.toString().strip();
    }

    @Override
    public void visit(Text node) {
      text.append(node.getLiteral());
    }

    @Override
    public void visit(Code node) {
      text.append(node.getLiteral());
    }

    @Override
    public void visit(HtmlInline node) {
      // Inline tags (<br>, <span>) carry no text of their own.
    }

    @Override
    public void visit(SoftLineBreak node) {
      if (!text.isEmpty() && !Cjk.isCjk(text.charAt(text.length() - 1))) {
        text.append(' ');
      }
    }

    @Override
    public void visit(HardLineBreak node) {
      text.append('\n');
    }
  }
}
