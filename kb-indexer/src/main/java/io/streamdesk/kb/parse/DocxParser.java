package io.streamdesk.kb.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Reads a Word document (.docx): paragraphs styled "Title" or "Heading n" (by style name, so
 * localised style ids work too) or carrying an outline level give the structure; other paragraphs
 * and table rows (cells joined with " | ") are paragraphs. The title is the document's core
 * property, else its Title paragraph, else its first heading.
 */
public final class DocxParser implements DocumentParser {

  private static final Pattern HEADING_STYLE = Pattern.compile("heading\\s*(\\d)");

  @Override
  public DocumentFormat format() {
    return DocumentFormat.DOCX;
  }

  @Override
  public ParsedDocument parse(byte[] content, String name) throws DocumentParseException {
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(content))) {
      String coreTitle = docx.getProperties().getCoreProperties().getTitle();
      SectionsBuilder sections = new SectionsBuilder(coreTitle);
      for (IBodyElement element : docx.getBodyElements()) {
        if (element instanceof XWPFParagraph paragraph) {
          add(paragraph, docx, sections);
        } else if (element instanceof XWPFTable table) {
          for (XWPFTableRow row : table.getRows()) {
            sections.paragraph(
                row.getTableCells().stream()
                    .map(XWPFTableCell::getText)
                    .map(String::strip)
                    .filter(t -> !t.isEmpty())
                    .collect(Collectors.joining(" | ")));
          }
        }
      }
      var result = sections.sections();
      if (result.isEmpty()) {
        throw new DocumentParseException("no text in the Word document");
      }
      return new ProseDocument(format(), sections.title(SectionsBuilder.baseName(name)), result);
    } catch (EncryptedDocumentException e) {
      throw new DocumentParseException("encrypted Word document (password required)", e);
    } catch (IOException | RuntimeException e) {
      throw new DocumentParseException("corrupt or unreadable Word document: " + e.getMessage(), e);
    }
  }

  private static void add(XWPFParagraph paragraph, XWPFDocument docx, SectionsBuilder sections) {
    String text = paragraph.getText();
    int level = headingLevel(paragraph, docx);
    if (level >= 0) {
      sections.heading(level, text);
    } else {
      sections.paragraph(text);
    }
  }

  /** 0 for a Title paragraph, 1-6 for a heading, -1 for body text. */
  private static int headingLevel(XWPFParagraph paragraph, XWPFDocument docx) {
    String styleId = paragraph.getStyleID();
    if (styleId != null) {
      XWPFStyle style = docx.getStyles() == null ? null : docx.getStyles().getStyle(styleId);
      String styleName = style != null && style.getName() != null ? style.getName() : styleId;
      String key = styleName.toLowerCase(Locale.ROOT).strip();
      if (key.equals("title")) {
        return 0;
      }
      Matcher m = HEADING_STYLE.matcher(key);
      if (m.matches()) {
        return Math.max(1, Math.min(6, Integer.parseInt(m.group(1))));
      }
    }
    var ppr = paragraph.getCTP().getPPr();
    if (ppr != null && ppr.isSetOutlineLvl()) {
      return Math.min(6, ppr.getOutlineLvl().getVal().intValue() + 1);
    }
    return -1;
  }
}
