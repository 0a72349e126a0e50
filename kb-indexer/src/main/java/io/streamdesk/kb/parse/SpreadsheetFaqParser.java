package io.streamdesk.kb.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads FAQ tables from an Excel workbook (.xlsx or .xls). Every sheet with an FAQ header row
 * within its first ten rows (captions above it are skipped) contributes the rows below it; a sheet
 * without a category column lends its name as the rows' category. Date cells are written as ISO
 * dates, other cells as Excel displays them.
 */
public final class SpreadsheetFaqParser implements DocumentParser {

  private static final int HEADER_SEARCH_ROWS = 10;

  @Override
  public DocumentFormat format() {
    return DocumentFormat.XLSX;
  }

  @Override
  public ParsedDocument parse(byte[] content, String name) throws DocumentParseException {
    List<FaqEntry> entries = new ArrayList<>();
    try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
      DataFormatter formatter = new DataFormatter();
      // Formulas are not evaluated (external links, macros): their last saved results are read.
      formatter.setUseCachedValuesForFormulaCells(true);
      for (Sheet sheet : workbook) {
        entries.addAll(sheetEntries(sheet, formatter, name));
      }
    } catch (EncryptedDocumentException e) {
      throw new DocumentParseException("encrypted workbook (password required)", e);
    } catch (IOException | RuntimeException e) {
      throw new DocumentParseException("corrupt or unreadable workbook: " + e.getMessage(), e);
    }
    if (entries.isEmpty()) {
      throw new DocumentParseException(
          "no sheet has an FAQ header with question and answer columns (question/问题,"
              + " answer/答案) and rows under it");
    }
    return new FaqDocument(format(), SectionsBuilder.baseName(name), entries);
  }

  private static List<FaqEntry> sheetEntries(Sheet sheet, DataFormatter formatter, String name)
      throws DocumentParseException {
    int last = sheet.getLastRowNum();
    for (int r = sheet.getFirstRowNum(); r <= Math.min(last, HEADER_SEARCH_ROWS); r++) {
      List<String> header = cells(sheet.getRow(r), formatter);
      if (header.stream().allMatch(String::isBlank)) {
        continue;
      }
      if (!FaqTable.isHeader(header)) {
        continue; // a caption above the table
      }
      var columns = FaqTable.columns(header);
      List<List<String>> rows = new ArrayList<>();
      for (int d = r + 1; d <= last; d++) {
        rows.add(cells(sheet.getRow(d), formatter));
      }
      String category =
          columns.containsKey(FaqTable.Column.CATEGORY) ? "" : sheet.getSheetName().strip();
      return FaqTable.entries(columns, rows, r + 2, category, name + "!" + sheet.getSheetName());
    }
    return List.of();
  }

  private static List<String> cells(Row row, DataFormatter formatter) {
    if (row == null || row.getLastCellNum() < 0) {
      return List.of();
    }
    List<String> values = new ArrayList<>(row.getLastCellNum());
    for (int c = 0; c < row.getLastCellNum(); c++) {
      values.add(text(row.getCell(c), formatter));
    }
    return values;
  }

  private static String text(Cell cell, DataFormatter formatter) {
    if (cell == null) {
      return "";
    }
    CellType type =
        cell.getCellType() == CellType.FORMULA
            ? cell.getCachedFormulaResultType()
            : cell.getCellType();
    if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
      return cell.getLocalDateTimeCellValue()
          .toLocalDate()
          .format(DateTimeFormatter.ISO_LOCAL_DATE);
    }
    return formatter.formatCellValue(cell).strip();
  }
}
