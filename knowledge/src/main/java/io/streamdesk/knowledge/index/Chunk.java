package io.streamdesk.knowledge.index;

import java.util.Objects;

/**
 * One retrievable unit of the knowledge base: a passage of a document, or a whole FAQ row (never
 * split), which also keeps its question and answer apart so that a query can match the question
 * alone.
 *
 * @param id unique across the index, stable for the same document position
 * @param documentId the document the chunk came from; all its chunks are replaced together
 * @param title document or section title ("" if none)
 * @param text what is shown and cited: the passage, or for an FAQ row its question and answer
 * @param source where the document came from (path, URL; "" if unknown)
 * @param position 0-based order of the chunk in its document
 * @param category the document's or FAQ row's category ("" if none); searches can filter on it
 * @param language ISO 639-1 code of the routed language ({@code zh}, {@code en}); the chunk is
 *     indexed, and only found, in that language
 * @param question an FAQ row's question, {@code null} for a passage
 * @param answer an FAQ row's answer, {@code null} for a passage
 */
public record Chunk(
    String id,
    String documentId,
    String title,
    String text,
    String source,
    int position,
    String category,
    String language,
    String question,
    String answer) {

  public Chunk {
    requireText(id, "id");
    requireText(documentId, "documentId");
    requireText(language, "language");
    Objects.requireNonNull(text, "text");
    title = title == null ? "" : title;
    source = source == null ? "" : source;
    category = category == null ? "" : category;
    if (position < 0) {
      throw new IllegalArgumentException(
          "chunk " + id + ": position must be >= 0, was " + position);
    }
    if ((question == null) != (answer == null)) {
      throw new IllegalArgumentException(
          "chunk " + id + ": an FAQ row needs both question and answer, a passage neither");
    }
    if (question != null && question.isBlank()) {
      throw new IllegalArgumentException("chunk " + id + ": FAQ question must not be blank");
    }
  }

  /** A passage of a document. */
  public static Chunk passage(
      String id,
      String documentId,
      String title,
      String text,
      String source,
      int position,
      String category,
      String language) {
    return new Chunk(id, documentId, title, text, source, position, category, language, null, null);
  }

  /** An FAQ row; its {@link #text()} is the question and the answer on separate lines. */
  public static Chunk faq(
      String id,
      String documentId,
      String title,
      String question,
      String answer,
      String source,
      int position,
      String category,
      String language) {
    return new Chunk(
        id,
        documentId,
        title,
        question.strip() + "\n" + answer.strip(),
        source,
        position,
        category,
        language,
        question.strip(),
        answer.strip());
  }

  public boolean isFaq() {
    return question != null;
  }

  /**
   * The text that represents the whole chunk for embedding and full-text matching: an FAQ row's
   * question and answer, or a passage with its title in front (titles carry the topic that a
   * passage cut from the middle of a document often lacks).
   */
  public String fullText() {
    if (isFaq() || title.isBlank()) {
      return text;
    }
    return title + "\n" + text;
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("chunk " + name + " must not be blank");
    }
  }
}
