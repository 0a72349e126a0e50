package io.streamdesk.kb.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a table (header row + data rows, from CSV or a spreadsheet) into FAQ entries.
 *
 * <p>Header names are matched case-insensitively, ignoring spaces, underscores and hyphens, in
 * English or Chinese: question (q, 问题, 问), answer (a, 答案, 回答, 答复), category (分类, 类别, 类目), updated
 * (updated at, last updated, 更新时间, 更新日期), id (编号, 序号). Question and answer are required. A row with
 * an empty question or answer is skipped with a warning; ids that are not unique in the table are
 * dropped (the rows keep their positions).
 */
final class FaqTable {

  private static final Logger LOG = LoggerFactory.getLogger(FaqTable.class);

  enum Column {
    ID("id", "faqid", "编号", "序号"),
    QUESTION("question", "q", "questions", "问题", "问", "标准问题", "问句"),
    ANSWER("answer", "a", "answers", "答案", "回答", "答复"),
    CATEGORY("category", "categories", "分类", "类别", "类目"),
    UPDATED("updated", "updatedat", "lastupdated", "updatedon", "更新时间", "更新日期");

    private final Set<String> names;

    Column(String... names) {
      this.names = Set.of(names);
    }
  }

  private FaqTable() {}

  /** Finds the columns in a header row; question and answer must be there. */
  static Map<Column, Integer> columns(List<String> header) throws DocumentParseException {
    Map<Column, Integer> found = new java.util.EnumMap<>(Column.class);
    for (int i = 0; i < header.size(); i++) {
      String key = key(header.get(i));
      for (Column c : Column.values()) {
        if (c.names.contains(key) && !found.containsKey(c)) {
          found.put(c, i);
        }
      }
    }
    if (!found.containsKey(Column.QUESTION) || !found.containsKey(Column.ANSWER)) {
      throw new DocumentParseException(
          "not an FAQ table: the header needs a question and an answer column"
              + " (question/问题, answer/答案), found "
              + header);
    }
    return found;
  }

  /** Whether a row looks like an FAQ header (used to find the header row of a sheet). */
  static boolean isHeader(List<String> row) {
    try {
      columns(row);
      return true;
    } catch (DocumentParseException e) {
      return false;
    }
  }

  /**
   * Builds the entries of a table whose header has already been located.
   *
   * @param rows data rows (header excluded)
   * @param firstRowNumber the 1-based number of the first data row, for messages
   * @param defaultCategory category for rows without one (a sheet's name), or ""
   */
  static List<FaqEntry> entries(
      Map<Column, Integer> columns,
      List<List<String>> rows,
      int firstRowNumber,
      String defaultCategory,
      String source) {
    List<FaqEntry> entries = new ArrayList<>(rows.size());
    int skipped = 0;
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.stream().allMatch(String::isBlank)) {
        continue;
      }
      String question = cell(row, columns.get(Column.QUESTION));
      String answer = cell(row, columns.get(Column.ANSWER));
      if (question.isBlank() || answer.isBlank()) {
        skipped++;
        LOG.warn(
            "{}: row {} skipped: {} is empty",
            source,
            firstRowNumber + r,
            question.isBlank() ? "question" : "answer");
        continue;
      }
      String category = cell(row, columns.get(Column.CATEGORY));
      entries.add(
          new FaqEntry(
              cell(row, columns.get(Column.ID)),
              question,
              answer,
              category.isBlank() ? defaultCategory : category,
              cell(row, columns.get(Column.UPDATED)),
              firstRowNumber + r));
    }
    if (skipped > 0) {
      LOG.warn("{}: {} FAQ rows skipped for an empty question or answer", source, skipped);
    }
    return uniqueIds(entries, source);
  }

  private static List<FaqEntry> uniqueIds(List<FaqEntry> entries, String source) {
    Set<String> seen = new HashSet<>();
    Set<String> duplicates = new HashSet<>();
    for (FaqEntry e : entries) {
      if (!e.id().isEmpty() && !seen.add(e.id())) {
        duplicates.add(e.id());
      }
    }
    if (duplicates.isEmpty()) {
      return entries;
    }
    LOG.warn(
        "{}: FAQ ids {} are not unique; those rows are identified by position", source, duplicates);
    return entries.stream().map(e -> duplicates.contains(e.id()) ? e.withoutId() : e).toList();
  }

  private static String cell(List<String> row, Integer index) {
    return Optional.ofNullable(index)
        .filter(i -> i < row.size())
        .map(row::get)
        .map(String::strip)
        .orElse("");
  }

  private static String key(String header) {
    return header == null
        ? ""
        : header
            .replace("\uFEFF", "")
            .strip()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[\\s_\\-]+", "");
  }
}
