package io.streamdesk.kb.index;

import java.util.Objects;

/**
 * One document handed to the indexer as bytes (from the {@code cs.kb.documents} topic, or a file).
 *
 * @param name file name, for the format (by extension), the fallback title and messages; may be ""
 * @param contentType MIME type or extension, or null to go by the name and the content
 * @param language ISO 639-1 language, or null to detect it
 * @param title title to use instead of the parsed one, or null
 * @param category category for chunks that have none of their own, or null
 * @param source where it came from (path, URI, topic), kept on every chunk
 */
public record SourceDocument(
    String documentId,
    String name,
    byte[] content,
    String contentType,
    String language,
    String title,
    String category,
    String source) {

  public SourceDocument {
    if (documentId == null || documentId.isBlank()) {
      throw new IllegalArgumentException("documentId must not be blank");
    }
    Objects.requireNonNull(content, "content");
    name = name == null ? "" : name;
    source = source == null ? "" : source;
    contentType = blankToNull(contentType);
    language = blankToNull(language);
    title = blankToNull(title);
    category = blankToNull(category);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
