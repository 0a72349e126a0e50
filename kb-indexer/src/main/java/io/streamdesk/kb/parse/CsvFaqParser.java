package io.streamdesk.kb.parse;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an FAQ table from CSV (RFC 4180; the delimiter, comma, semicolon or tab, is taken from the
 * header line). The first row is the header; see {@link FaqTable} for the columns.
 */
public final class CsvFaqParser implements DocumentParser {

  @Override
  public DocumentFormat format() {
    return DocumentFormat.CSV;
  }

  @Override
  public ParsedDocument parse(byte[] content, String name) throws DocumentParseException {
    String text = TextDecoding.decode(content);
    CSVFormat csv =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter(text))
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), csv)) {
      for (CSVRecord record : parser) {
        rows.add(record.toList());
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new DocumentParseException("malformed CSV: " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new DocumentParseException("empty CSV: no header row");
    }
    var columns = FaqTable.columns(rows.get(0));
    List<FaqEntry> entries = FaqTable.entries(columns, rows.subList(1, rows.size()), 1, "", name);
    if (entries.isEmpty()) {
      throw new DocumentParseException("no FAQ rows with both a question and an answer");
    }
    return new FaqDocument(format(), SectionsBuilder.baseName(name), entries);
  }

  /** The most frequent of comma, semicolon and tab in the first line (comma on a tie). */
  private static char delimiter(String text) {
    int end = text.indexOf('\n');
    String first = end < 0 ? text : text.substring(0, end);
    char best = ',';
    long bestCount = first.chars().filter(c -> c == ',').count();
    for (char c : new char[] {'\t', ';'}) {
      long count = first.chars().filter(ch -> ch == c).count();
      if (count > bestCount) {
        best = c;
        bestCount = count;
      }
    }
    return best;
  }
}
