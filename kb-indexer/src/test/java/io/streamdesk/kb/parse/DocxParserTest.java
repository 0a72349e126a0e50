package io.streamdesk.kb.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

class DocxParserTest {

  private final DocxParser parser = new DocxParser();

  @Test
  void shouldReadHeadingsParagraphsAndTablesOfAWordDocument() throws Exception {
    // Given a .docx with a title property, heading styles, body text and a table
    byte[] docx;
    try (XWPFDocument doc = new XWPFDocument()) {
      doc.getProperties().getCoreProperties().setTitle("会员章程");
      paragraph(doc, "Heading1", "一、会员等级");
      paragraph(doc, null, "银卡、金卡和白金卡，按近12个月成长值评定。");
      paragraph(doc, "Heading2", "1.1 升级规则");
      paragraph(doc, null, "每月1日重新计算等级。");
      XWPFTable table = doc.createTable(2, 2);
      table.getRow(0).getCell(0).setText("等级");
      table.getRow(0).getCell(1).setText("成长值");
      table.getRow(1).getCell(0).setText("金卡");
      table.getRow(1).getCell(1).setText("3000");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.write(out);
      docx = out.toByteArray();
    }

    // When parsed
    ProseDocument parsed = (ProseDocument) parser.parse(docx, "terms.docx");

    // Then the structure follows the heading styles
    assertThat(parsed.title()).isEqualTo("会员章程");
    assertThat(parsed.sections()).hasSize(2);
    assertThat(parsed.sections().get(0).headings()).containsExactly("一、会员等级");
    assertThat(parsed.sections().get(0).body()).isEqualTo("银卡、金卡和白金卡，按近12个月成长值评定。");
    assertThat(parsed.sections().get(1).headings()).containsExactly("一、会员等级", "1.1 升级规则");
    assertThat(parsed.sections().get(1).body()).isEqualTo("每月1日重新计算等级。\n\n等级 | 成长值\n\n金卡 | 3000");
  }

  @Test
  void shouldReportACorruptWordDocument() {
    byte[] corrupt = "not a zip at all".getBytes();
    assertThatThrownBy(() -> parser.parse(corrupt, "broken.docx"))
        .isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("corrupt or unreadable Word document");
  }

  private static void paragraph(XWPFDocument doc, String style, String text) {
    XWPFParagraph p = doc.createParagraph();
    if (style != null) {
      p.setStyle(style);
    }
    p.createRun().setText(text);
  }
}
