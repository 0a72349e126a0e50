package io.streamdesk.kb.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class SpreadsheetFaqParserTest {

  private final SpreadsheetFaqParser parser = new SpreadsheetFaqParser();

  @Test
  void shouldReadFaqSheetsWithDatesAndSheetNamesAsCategories() throws Exception {
    // Given a workbook: a titled sheet with a Chinese header below a caption, and an English sheet
    byte[] xlsx;
    try (Workbook wb = new XSSFWorkbook()) {
      Sheet zh = wb.createSheet("支付");
      zh.createRow(0).createCell(0).setCellValue("鲁玛商城常见问题");
      Row header = zh.createRow(2);
      header.createCell(0).setCellValue("问题");
      header.createCell(1).setCellValue("答案");
      header.createCell(2).setCellValue("更新日期");
      Row row = zh.createRow(3);
      row.createCell(0).setCellValue("支持哪些付款方式？");
      row.createCell(1).setCellValue("支持支付宝、微信支付和银联卡。");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
      row.createCell(2).setCellValue(LocalDate.of(2026, 3, 2));
      row.getCell(2).setCellStyle(date);
      Sheet en = wb.createSheet("English");
      Row enHeader = en.createRow(0);
      enHeader.createCell(0).setCellValue("Question");
      enHeader.createCell(1).setCellValue("Answer");
      enHeader.createCell(2).setCellValue("Category");
      Row enRow = en.createRow(1);
      enRow.createCell(0).setCellValue("How long is the warranty?");
      enRow.createCell(1).setCellFormula("\"One year\"&\" on Luma devices.\"");
      enRow.createCell(2).setCellValue("warranty");
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
      xlsx = bytes(wb);
    }

    // When parsed
    FaqDocument faq = (FaqDocument) parser.parse(xlsx, "faq.xlsx");

    // Then both sheets' rows are read, dates as ISO and formulas by their saved result
    assertThat(faq.format()).isEqualTo(DocumentFormat.XLSX);
    assertThat(faq.entries()).hasSize(2);
    FaqEntry zhRow = faq.entries().get(0);
    assertThat(zhRow.question()).isEqualTo("支持哪些付款方式？");
    assertThat(zhRow.category()).isEqualTo("支付");
    assertThat(zhRow.updated()).isEqualTo("2026-03-02");
    assertThat(zhRow.row()).isEqualTo(4);
    FaqEntry enRow = faq.entries().get(1);
    assertThat(enRow.answer()).isEqualTo("One year on Luma devices.");
    assertThat(enRow.category()).isEqualTo("warranty");
  }

  @Test
  void shouldReadTheOlderXlsFormatToo() throws Exception {
    // Given an .xls (BIFF8) workbook
    byte[] xls;
    try (Workbook wb = new HSSFWorkbook()) {
      Sheet sheet = wb.createSheet("faq");
      Row header = sheet.createRow(0);
      header.createCell(0).setCellValue("question");
      header.createCell(1).setCellValue("answer");
      Row row = sheet.createRow(1);
      row.createCell(0).setCellValue("Is membership free?");
      row.createCell(1).setCellValue("Yes.");
      xls = bytes(wb);
    }

    // When parsed, then its row is read
    FaqDocument faq = (FaqDocument) parser.parse(xls, "faq.xls");
    assertThat(faq.entries()).singleElement().extracting(FaqEntry::answer).isEqualTo("Yes.");
  }

  @Test
  void shouldRefuseAWorkbookWithoutAnFaqSheet() throws Exception {
    // Given a workbook of prices
    byte[] xlsx;
    try (Workbook wb = new XSSFWorkbook()) {
      Row row = wb.createSheet("prices").createRow(0);
      row.createCell(0).setCellValue("sku");
      row.createCell(1).setCellValue("price");
      xlsx = bytes(wb);
    }

    // When parsed, then the reason says what is missing
    assertThatThrownBy(() -> parser.parse(xlsx, "prices.xlsx"))
        .isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("no sheet has an FAQ header");
  }

  @Test
  void shouldReportACorruptWorkbook() {
    // Given bytes that start like a zip but are not a workbook
    byte[] corrupt = {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8};

    // When parsed, then it is a parse error with the reason
    assertThatThrownBy(() -> parser.parse(corrupt, "faq.xlsx"))
        .isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("corrupt or unreadable workbook");
  }

  private static byte[] bytes(Workbook wb) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wb.write(out);
    return out.toByteArray();
  }
}
