package io.streamdesk.kb.chunk;

import io.streamdesk.kb.parse.FaqDocument;
import io.streamdesk.kb.parse.FaqEntry;
import io.streamdesk.kb.parse.ParsedDocument;
import io.streamdesk.kb.parse.ProseDocument;
import io.streamdesk.kb.parse.Section;
import io.streamdesk.knowledge.index.Chunk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a parsed document into index chunks.
 *
 * <p>Prose: each section is split on its own ({@link RecursiveTextSplitter}), so a chunk never
 * spans two headings; its title is the document title and the section's heading path ({@code
 * "Warranty Policy › 4. Claim and repair process"}), which the index embeds with the text. FAQ: one
 * chunk per row, never split, with the question and answer kept apart; its title is the question.
 *
 * <p>Chunk ids are deterministic: {@code documentId#position} (0-based), except in an FAQ table
 * whose every row has its own unique id, where they are {@code documentId#rowId} (for example
 * {@code sample-kb/zh/faq.csv#zh-faq-035}) so a citation names the FAQ entry.
 */
public final class DocumentChunker {

  /** Separates the document title from the heading path in a chunk title. */
  public static final String TITLE_SEPARATOR = " › ";

  private final RecursiveTextSplitter splitter;

  public DocumentChunker(ChunkerConfig config) {
    this.splitter = new RecursiveTextSplitter(config);
  }

  /**
   * Where a document's chunks belong.
   *
   * @param documentId the document's id in the index
   * @param source where it came from (path or URI)
   * @param language the routed language its chunks are indexed in
   * @param category category for chunks that have none of their own ("" if none)
   */
  public record Target(String documentId, String source, String language, String category) {
    public Target {
      Objects.requireNonNull(documentId, "documentId");
      Objects.requireNonNull(language, "language");
      source = source == null ? "" : source;
      category = category == null ? "" : category;
    }
  }

  public List<Chunk> chunk(ParsedDocument document, Target target) {
    return switch (document) {
      case FaqDocument faq -> faqChunks(faq, target);
      case ProseDocument prose -> proseChunks(prose, target);
    };
  }

  private List<Chunk> proseChunks(ProseDocument document, Target target) {
    List<Chunk> chunks = new ArrayList<>();
    for (Section section : document.sections()) {
      String title = title(document.title(), section.headingPath());
      for (String text : splitter.split(section.body())) {
        int position = chunks.size();
        chunks.add(
            Chunk.passage(
                target.documentId() + "#" + position,
                target.documentId(),
                title,
                text,
                target.source(),
                position,
                target.category(),
                target.language()));
      }
    }
    return chunks;
  }

  private static List<Chunk> faqChunks(FaqDocument document, Target target) {
    boolean ownIds = hasUniqueIds(document.entries());
    List<Chunk> chunks = new ArrayList<>(document.entries().size());
    for (FaqEntry entry : document.entries()) {
      int position = chunks.size();
      String key = ownIds ? entry.id() : Integer.toString(position);
      chunks.add(
          Chunk.faq(
              target.documentId() + "#" + key,
              target.documentId(),
              entry.question(),
              entry.question(),
              entry.answer(),
              target.source(),
              position,
              entry.category().isEmpty() ? target.category() : entry.category(),
              target.language()));
    }
    return chunks;
  }

  private static boolean hasUniqueIds(List<FaqEntry> entries) {
    Set<String> ids = new HashSet<>();
    for (FaqEntry e : entries) {
      if (e.id().isEmpty() || !ids.add(e.id())) {
        return false;
      }
    }
    return true;
  }

  private static String title(String documentTitle, String headingPath) {
    if (headingPath.isEmpty()) {
      return documentTitle;
    }
    return documentTitle.isEmpty() ? headingPath : documentTitle + TITLE_SEPARATOR + headingPath;
  }
}
