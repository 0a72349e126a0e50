package io.streamdesk.kb.parse;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A document of running text: its sections in reading order.
 *
 * @param sections never empty for a document with text; a document with no text has none
 */
public record ProseDocument(DocumentFormat format, String title, List<Section> sections)
    implements ParsedDocument {

  public ProseDocument {
    Objects.requireNonNull(format, "format");
    title = title == null ? "" : title.strip();
    sections = List.copyOf(sections);
  }

  @Override
  public String plainText() {
    return sections.stream().map(Section::body).collect(Collectors.joining("\n\n"));
  }

  @Override
  public ProseDocument withTitle(String newTitle) {
    return new ProseDocument(format, newTitle, sections);
  }
}
