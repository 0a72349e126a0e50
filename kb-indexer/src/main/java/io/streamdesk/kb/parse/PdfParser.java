package io.streamdesk.kb.parse;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Reads the text of a PDF with PDFBox and recovers its structure from the layout: lines set clearly
 * larger than the body text (the size with the most characters) are headings, ranked by size; a
 * vertical gap clearly wider than the usual line spacing starts a new paragraph; the lines of a
 * paragraph are joined with a space, or with nothing between Chinese characters. The title is the
 * document information's title, else the first heading.
 *
 * <p>Encrypted PDFs that need a password and PDFs without a text layer (scans) are refused with
 * that reason.
 */
public final class PdfParser implements DocumentParser {

  /** A line this much larger than the body text is a heading. */
  static final float HEADING_SIZE_RATIO = 1.15f;

  /** A gap between lines this much wider than the usual spacing starts a paragraph. */
  static final float PARAGRAPH_GAP_RATIO = 1.3f;

  private static final int MAX_HEADING_CHARS = 150;

  @Override
  public DocumentFormat format() {
    return DocumentFormat.PDF;
  }

  @Override
  public ParsedDocument parse(byte[] content, String name) throws DocumentParseException {
    List<Line> lines;
    String infoTitle;
    try (PDDocument pdf = Loader.loadPDF(content)) {
      LineCollector collector = new LineCollector();
      collector.setSortByPosition(true);
      collector.writeText(pdf, Writer.nullWriter());
      lines = collector.lines;
      infoTitle = pdf.getDocumentInformation().getTitle();
    } catch (InvalidPasswordException e) {
      throw new DocumentParseException("encrypted PDF: a password is needed to read it", e);
    } catch (IOException | RuntimeException e) {
      throw new DocumentParseException("corrupt or unreadable PDF: " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new DocumentParseException(
          "the PDF has no text layer (a scanned document? OCR is not supported)");
    }
    SectionsBuilder sections = new SectionsBuilder(infoTitle);
    new Layout(lines).emit(sections);
    return new ProseDocument(
        format(), sections.title(SectionsBuilder.baseName(name)), sections.sections());
  }

  /** One line of text as laid out on its page. */
  record Line(String text, float fontSize, float baseline, int page) {}

  /** Collects lines with their font size and position instead of writing text. */
  private static final class LineCollector extends PDFTextStripper {

    private final List<Line> lines = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private float size;
    private float baseline = Float.NaN;

    LineCollector() throws IOException {
      super();
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
      current.append(text);
      for (TextPosition p : positions) {
        if (!p.getUnicode().isBlank()) {
          size = Math.max(size, p.getFontSizeInPt());
          baseline = p.getYDirAdj();
        }
      }
    }

    @Override
    protected void writeWordSeparator() {
      current.append(' ');
    }

    @Override
    protected void writeLineSeparator() {
      endLine();
    }

    @Override
    protected void writePageEnd() {
      endLine();
    }

    private void endLine() {
      String text = current.toString().strip();
      if (!text.isEmpty() && !Float.isNaN(baseline)) {
        lines.add(new Line(text, size, baseline, getCurrentPageNo()));
      }
      current.setLength(0);
      size = 0;
      baseline = Float.NaN;
    }
  }

  /** Turns positioned lines into headings and paragraphs. */
  private static final class Layout {

    private final List<Line> lines;
    private final float bodySize;
    private final float lineSpacing;
    private final Map<Float, Integer> headingLevels = new HashMap<>();

    Layout(List<Line> lines) {
      this.lines = lines;
      this.bodySize = bodySize(lines);
      this.lineSpacing = usualSpacing(lines, bodySize);
      TreeSet<Float> headingSizes = new TreeSet<>((a, b) -> Float.compare(b, a));
      for (Line l : lines) {
        if (isHeading(l)) {
          headingSizes.add(round(l.fontSize()));
        }
      }
      int level = 1;
      for (Float s : headingSizes) {
        headingLevels.put(s, Math.min(level++, 6));
      }
    }

    void emit(SectionsBuilder sections) {
      StringBuilder paragraph = new StringBuilder();
      StringBuilder heading = new StringBuilder();
      float headingSize = 0;
      Line previous = null;
      for (Line line : lines) {
        boolean isHeading = isHeading(line);
        boolean continuesHeading =
            isHeading
                && !heading.isEmpty()
                && round(line.fontSize()) == headingSize
                && !startsBlock(previous, line);
        if (!heading.isEmpty() && !continuesHeading) {
          sections.heading(headingLevels.get(headingSize), heading.toString());
          heading.setLength(0);
        }
        if (isHeading) {
          flush(paragraph, sections);
          join(heading, line.text());
          headingSize = round(line.fontSize());
        } else {
          if (startsBlock(previous, line)) {
            flush(paragraph, sections);
          }
          join(paragraph, line.text());
        }
        previous = line;
      }
      if (!heading.isEmpty()) {
        sections.heading(headingLevels.get(headingSize), heading.toString());
      }
      flush(paragraph, sections);
    }

    private boolean isHeading(Line line) {
      return line.fontSize() >= bodySize * HEADING_SIZE_RATIO
          && line.text().length() <= MAX_HEADING_CHARS;
    }

    /** Whether a gap (or a page break after a finished sentence) separates the two lines. */
    private boolean startsBlock(Line previous, Line line) {
      if (previous == null) {
        return true;
      }
      if (previous.page() != line.page()) {
        return endsSentence(previous.text());
      }
      float gap = line.baseline() - previous.baseline();
      return gap > lineSpacing * PARAGRAPH_GAP_RATIO || gap < 0;
    }

    private static void flush(StringBuilder paragraph, SectionsBuilder sections) {
      sections.paragraph(paragraph.toString());
      paragraph.setLength(0);
    }

    /** Joins a wrapped line: nothing between Chinese characters, else one space. */
    private static void join(StringBuilder text, String line) {
      if (!text.isEmpty()) {
        char last = text.charAt(text.length() - 1);
        if (!Cjk.isCjk(last) && !Cjk.isCjk(line.charAt(0))) {
          text.append(' ');
        }
      }
      text.append(line);
    }

    private static boolean endsSentence(String text) {
      char last = text.charAt(text.length() - 1);
      return "。！？.!?：:；;".indexOf(last) >= 0;
    }

    private static float bodySize(List<Line> lines) {
      Map<Float, Integer> chars = new HashMap<>();
      for (Line l : lines) {
        chars.merge(round(l.fontSize()), l.text().length(), Integer::sum);
      }
      return chars.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /**
     * The spacing of wrapped lines inside a paragraph: a low percentile of the distances between
     * consecutive body lines (most gaps may be paragraph gaps when paragraphs are one line long),
     * capped at 1.5 times the body size, a generous leading, for documents with no wrapped lines.
     */
    private static float usualSpacing(List<Line> lines, float bodySize) {
      float[] gaps = new float[lines.size()];
      int n = 0;
      for (int i = 1; i < lines.size(); i++) {
        Line a = lines.get(i - 1);
        Line b = lines.get(i);
        float gap = b.baseline() - a.baseline();
        if (a.page() == b.page()
            && round(a.fontSize()) == bodySize
            && round(b.fontSize()) == bodySize
            && gap > 0) {
          gaps[n++] = gap;
        }
      }
      float cap = bodySize * 1.5f;
      if (n == 0) {
        return cap;
      }
      float[] sorted = Arrays.copyOf(gaps, n);
      Arrays.sort(sorted);
      return Math.min(sorted[n / 10], cap);
    }

    private static float round(float size) {
      return Math.round(size * 2) / 2f;
    }
  }
}
