package io.streamdesk.kb.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Renders a Markdown document as a text PDF on A4 pages: headings set larger (and bold where the
 * font has a bold face) and listed in the PDF outline, paragraphs wrapped to the page width
 * (between words, or between any two Chinese characters, never starting a line with closing
 * punctuation), list items with a bullet. Latin text uses Helvetica; Chinese text needs a CJK
 * TrueType font, embedded as a subset.
 *
 * <p>The output is byte-for-byte reproducible (fixed document id, no dates), so a rebuilt PDF has
 * the same content hash and is not re-indexed.
 */
public final class MarkdownPdfRenderer {

  private static final Parser MARKDOWN = Parser.builder().build();
  private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

  private static final PDRectangle PAGE = PDRectangle.A4;
  private static final float MARGIN_X = 64;
  private static final float MARGIN_TOP = 72;
  private static final float MARGIN_BOTTOM = 64;
  private static final float LIST_INDENT = 14;
  private static final String BULLET = "• ";

  /** Type sizes and spacing (points) of a block kind. */
  private enum Style {
    H1(20, 27, 0, 12, true),
    H2(14, 19, 14, 6, true),
    H3(12, 16, 10, 4, true),
    BODY(10.5f, 15.5f, 0, 8, false);

    final float size;
    final float leading;
    final float spaceBefore;
    final float spaceAfter;
    final boolean bold;

    Style(float size, float leading, float spaceBefore, float spaceAfter, boolean bold) {
      this.size = size;
      this.leading = leading;
      this.spaceBefore = spaceBefore;
      this.spaceAfter = spaceAfter;
      this.bold = bold;
    }

    static Style heading(int level) {
      return level <= 1 ? H1 : level == 2 ? H2 : H3;
    }
  }

  private record Block(Style style, String text, boolean listItem) {}

  private final TrueTypeFont cjkFont;

  /**
   * @param cjkFont font for Chinese text (and any character Helvetica lacks); null for a document
   *     that only needs Latin text
   */
  public MarkdownPdfRenderer(TrueTypeFont cjkFont) {
    this.cjkFont = cjkFont;
  }

  /**
   * @param language BCP 47 language of the document (zh-CN, en), recorded in the PDF catalogue
   * @throws IllegalArgumentException when a character has no glyph in any available font
   */
  public byte[] render(String markdown, String language) throws IOException {
    List<Block> blocks = blocks(markdown);
    try (PDDocument pdf = new PDDocument()) {
      pdf.setDocumentId(Objects.hash(markdown, language) & 0xFFFFFFFFL);
      pdf.getDocumentCatalog().setLanguage(language);
      Fonts fonts = new Fonts(pdf, cjkFont);
      blocks.stream()
          .filter(b -> b.style() == Style.H1)
          .findFirst()
          .ifPresent(h1 -> pdf.getDocumentInformation().setTitle(h1.text()));
      new Writer(pdf, fonts).write(blocks);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    }
  }

  private static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    for (Node node = MARKDOWN.parse(markdown).getFirstChild();
        node != null;
        node = node.getNext()) {
      collect(node, blocks);
    }
    return blocks;
  }

  private static void collect(Node node, List<Block> blocks) {
    if (node instanceof Heading h) {
      blocks.add(new Block(Style.heading(h.getLevel()), oneLine(TEXT.render(h)), false));
    } else if (node instanceof Paragraph p) {
      blocks.add(
          new Block(Style.BODY, oneLine(TEXT.render(p)), node.getParent() instanceof ListItem));
    } else {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        collect(child, blocks);
      }
    }
  }

  /** Soft line breaks of the source become a space between Latin words, nothing in Chinese. */
  private static String oneLine(String text) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.strip().split("\\s*\\n\\s*");
    for (String line : lines) {
      if (!out.isEmpty()
          && !LineBreaker.isCjk(out.charAt(out.length() - 1))
          && !LineBreaker.isCjk(line.charAt(0))) {
        out.append(' ');
      }
      out.append(line);
    }
    return out.toString();
  }

  /**
   * Helvetica for Latin text, the CJK font for everything else; bold where there is a bold face.
   */
  static final class Fonts {

    private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDFont cjk;
    private final Map<Integer, Boolean> latinCanShow = new HashMap<>();

    Fonts(PDDocument pdf, TrueTypeFont cjkFont) throws IOException {
      this.cjk = cjkFont == null ? null : PDType0Font.load(pdf, cjkFont, true);
    }

    PDFont fontFor(int codePoint, boolean wantBold) {
      if (latinCanShow.computeIfAbsent(codePoint, this::helveticaHas)) {
        return wantBold ? bold : regular;
      }
      if (cjk == null) {
        throw new IllegalArgumentException(
            "no font for U+"
                + Integer.toHexString(codePoint).toUpperCase()
                + " '"
                + Character.toString(codePoint)
                + "': a CJK font is needed ("
                + CjkFonts.searched()
                + ")");
      }
      return cjk;
    }

    private boolean helveticaHas(int codePoint) {
      try {
        regular.encode(Character.toString(codePoint));
        return true;
      } catch (IllegalArgumentException | IOException e) {
        return false;
      }
    }

    float width(String text, boolean wantBold, float size) throws IOException {
      float width = 0;
      for (Run run : runs(text, wantBold)) {
        width += run.font().getStringWidth(run.text()) / 1000 * size;
      }
      return width;
    }

    List<Run> runs(String text, boolean wantBold) {
      List<Run> runs = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      PDFont currentFont = null;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        PDFont font = fontFor(cp, wantBold);
        if (font != currentFont && !current.isEmpty()) {
          runs.add(new Run(currentFont, current.toString()));
          current.setLength(0);
        }
        currentFont = font;
        current.appendCodePoint(cp);
      }
      if (!current.isEmpty()) {
        runs.add(new Run(currentFont, current.toString()));
      }
      return runs;
    }
  }

  record Run(PDFont font, String text) {}

  /** Lays blocks out top to bottom, page after page. */
  private static final class Writer {

    private final PDDocument pdf;
    private final Fonts fonts;
    private final PDDocumentOutline outline = new PDDocumentOutline();
    private PDPage page;
    private PDPageContentStream content;
    private float y;

    Writer(PDDocument pdf, Fonts fonts) {
      this.pdf = pdf;
      this.fonts = fonts;
    }

    void write(List<Block> blocks) throws IOException {
      newPage();
      boolean first = true;
      for (Block block : blocks) {
        Style style = block.style();
        float indent = block.listItem() ? LIST_INDENT : 0;
        float width = PAGE.getWidth() - 2 * MARGIN_X - indent;
        List<String> lines =
            new LineBreaker(fonts, style.bold, style.size)
                .wrap((block.listItem() ? BULLET : "") + block.text(), width);
        float before = first ? 0 : style.spaceBefore;
        // Keep a heading with the first lines after it: start a page rather than orphan it.
        float needed = before + style.leading * (style == Style.BODY ? 1 : 3);
        if (y - needed < MARGIN_BOTTOM) {
          newPage();
          before = 0;
        }
        y -= before;
        if (style != Style.BODY) {
          bookmark(block.text(), style);
        }
        for (String line : lines) {
          if (y - style.leading < MARGIN_BOTTOM) {
            newPage();
          }
          y -= style.leading;
          show(line, style, MARGIN_X + indent);
        }
        y -= style.spaceAfter;
        first = false;
      }
      content.close();
      pdf.getDocumentCatalog().setDocumentOutline(outline);
    }

    private void show(String line, Style style, float x) throws IOException {
      content.beginText();
      content.newLineAtOffset(x, y);
      for (Run run : fonts.runs(line, style.bold)) {
        content.setFont(run.font(), style.size);
        content.showText(run.text());
      }
      content.endText();
    }

    private void bookmark(String title, Style style) {
      PDPageXYZDestination destination = new PDPageXYZDestination();
      destination.setPage(page);
      destination.setTop(Math.round(y));
      PDOutlineItem item = new PDOutlineItem();
      item.setTitle(title);
      item.setDestination(destination);
      if (style == Style.H1 || outline.getLastChild() == null) {
        outline.addLast(item);
      } else {
        outline.getLastChild().addLast(item);
      }
    }

    private void newPage() throws IOException {
      if (content != null) {
        content.close();
      }
      page = new PDPage(PAGE);
      pdf.addPage(page);
      content = new PDPageContentStream(pdf, page);
      y = PAGE.getHeight() - MARGIN_TOP;
    }
  }
}
