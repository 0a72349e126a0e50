package io.streamdesk.kb.parse;

/**
 * One FAQ row.
 *
 * @param id the row's own id column ("" when the table has none or its ids are not unique)
 * @param category the row's category ("" if none)
 * @param updated when the row was last changed, as written in the table ("" if none)
 * @param row 1-based row number in the source table (header excluded), for error messages
 */
public record FaqEntry(
    String id, String question, String answer, String category, String updated, int row) {

  public FaqEntry {
    id = id == null ? "" : id.strip();
    category = category == null ? "" : category.strip();
    updated = updated == null ? "" : updated.strip();
    if (question == null || question.isBlank() || answer == null || answer.isBlank()) {
      throw new IllegalArgumentException("FAQ row " + row + " needs a question and an answer");
    }
    question = question.strip();
    answer = answer.strip();
  }

  /** A copy without its id (used when a table's ids are not unique). */
  FaqEntry withoutId() {
    return new FaqEntry("", question, answer, category, updated, row);
  }
}
