package io.streamdesk.kb.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Collects a document's headings and paragraphs, in reading order, into sections with heading
 * paths. The first heading met before any paragraph is taken as the document title (unless the
 * format gave one; a first heading equal to that title is dropped); it does not start a path. A
 * heading of level n closes every open heading of level n or deeper. Not thread-safe: one per
 * parse.
 */
final class SectionsBuilder {

  private record Heading(int level, String text) {}

  private final Deque<Heading> open = new ArrayDeque<>();
  private final List<Section> sections = new ArrayList<>();
  private final List<String> paragraphs = new ArrayList<>();
  private String title;
  private boolean seenText;

  SectionsBuilder(String knownTitle) {
    this.title = knownTitle == null || knownTitle.isBlank() ? null : knownTitle.strip();
  }

  /** A heading of level 1 (outermost) to 6. */
  SectionsBuilder heading(int level, String text) {
    String clean = normalise(text);
    if (clean.isEmpty()) {
      return this;
    }
    if (!seenText && sections.isEmpty() && open.isEmpty()) {
      if (title == null) {
        title = clean;
        return this;
      }
      if (title.equals(clean)) {
        return this; // the known title, repeated as the first heading
      }
    }
    flush();
    while (!open.isEmpty() && open.peekLast().level() >= level) {
      open.removeLast();
    }
    open.addLast(new Heading(level, clean));
    return this;
  }

  /** A paragraph (or list item, table row, code block); blank ones are ignored. */
  SectionsBuilder paragraph(String text) {
    String clean = text == null ? "" : text.strip();
    if (!clean.isEmpty()) {
      paragraphs.add(clean);
      seenText = true;
    }
    return this;
  }

  /** The title found (or given), else {@code fallback}. */
  String title(String fallback) {
    return title == null ? fallback : title;
  }

  List<Section> sections() {
    flush();
    return List.copyOf(sections);
  }

  private void flush() {
    if (paragraphs.isEmpty()) {
      return;
    }
    List<String> path = open.stream().map(Heading::text).toList();
    sections.add(new Section(path, String.join("\n\n", paragraphs)));
    paragraphs.clear();
  }

  /** Collapses runs of whitespace (headings are one line). */
  static String normalise(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  /** A file's name without folder and extension, the title of last resort. */
  static String baseName(String name) {
    if (name == null || name.isBlank()) {
      return "";
    }
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    String base = name.substring(slash + 1);
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }
}
