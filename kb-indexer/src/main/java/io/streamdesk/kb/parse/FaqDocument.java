package io.streamdesk.kb.parse;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** An FAQ table: one entry per row that has both a question and an answer. */
public record FaqDocument(DocumentFormat format, String title, List<FaqEntry> entries)
    implements ParsedDocument {

  public FaqDocument {
    Objects.requireNonNull(format, "format");
    title = title == null ? "" : title.strip();
    entries = List.copyOf(entries);
  }

  @Override
  public String plainText() {
    return entries.stream()
        .map(e -> e.question() + "\n" + e.answer())
        .collect(Collectors.joining("\n\n"));
  }

  @Override
  public FaqDocument withTitle(String newTitle) {
    return new FaqDocument(format, newTitle, entries);
  }
}
