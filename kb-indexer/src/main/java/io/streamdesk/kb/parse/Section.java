package io.streamdesk.kb.parse;

import java.util.List;

/**
 * A run of text under one heading.
 *
 * @param headings the heading path from the outermost heading below the document title down to this
 *     section's own heading; empty for text before the first heading
 * @param body paragraphs separated by blank lines ({@code "\n\n"}); never blank
 */
public record Section(List<String> headings, String body) {

  public Section {
    headings = List.copyOf(headings);
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("a section needs text");
    }
  }

  /** The heading path joined for display ({@code "3. Claims › 3.1 Pick-up"}); "" if none. */
  public String headingPath() {
    return String.join(" › ", headings);
  }
}
