package io.streamdesk.kb.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdesk.kb.parse.DocumentParseException;
import io.streamdesk.kb.parse.DocumentParsers;
import io.streamdesk.kb.parse.FaqDocument;
import io.streamdesk.kb.parse.FaqEntry;
import io.streamdesk.kb.parse.ParsedDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An FAQ retrieval test set: the FAQs as {@code faqs.jsonl} with {@code {"id", "question",
 * "answer"}} per line, or as an FAQ table (CSV, XLSX) read by the indexer's own parsers (a row's id
 * column, else {@code row-N}); and {@code queries.jsonl} with {@code {"query", "faq_id"}} per line
 * (blank lines ignored).
 *
 * <p>Each query line is one relevance judgement. Lines with the same query text (leading and
 * trailing blanks aside) are one query with several relevant FAQs, as in a TREC qrels file: on
 * covid-jhu a fifth of the query texts ("Should I wear a mask?") are judged relevant to two or more
 * FAQs, and scoring each line on its own would mark down every ranking of such a query, the perfect
 * one included.
 *
 * @param judgements how many query lines were read (at least {@code queries().size()})
 */
public record FaqDataset(List<Faq> faqs, List<Query> queries, int judgements) {

  public record Faq(String id, String question, String answer) {}

  /** A distinct query text and the FAQs judged relevant to it, in the order first judged. */
  public record Query(String text, Set<String> relevantFaqIds) {
    public Query {
      relevantFaqIds = Collections.unmodifiableSet(new LinkedHashSet<>(relevantFaqIds));
      if (relevantFaqIds.isEmpty()) {
        throw new IllegalArgumentException("a query needs at least one relevant FAQ: " + text);
      }
    }
  }

  /** A malformed line, named by file and line number. */
  public static final class InvalidDatasetException extends RuntimeException {
    InvalidDatasetException(String message) {
      super(message);
    }
  }

  public FaqDataset {
    faqs = List.copyOf(faqs);
    queries = List.copyOf(queries);
  }

  /** Reads and cross-checks both files: every query must name a known FAQ id. */
  public static FaqDataset read(Path faqsFile, Path queriesFile) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Faq> faqs =
        isJsonLines(faqsFile) ? readJsonFaqs(json, faqsFile) : readFaqTable(faqsFile);
    Map<String, Set<String>> relevantByQuery = new LinkedHashMap<>();
    int judgements =
        forEachLine(
            json,
            queriesFile,
            (node, where) -> {
              String query = text(node, "query", where).strip();
              String faqId = text(node, "faq_id", where);
              if (!faqs.containsKey(faqId)) {
                throw new InvalidDatasetException(where + ": unknown faq_id '" + faqId + "'");
              }
              relevantByQuery.computeIfAbsent(query, q -> new LinkedHashSet<>()).add(faqId);
            });
    if (faqs.isEmpty() || relevantByQuery.isEmpty()) {
      throw new InvalidDatasetException(
          "need at least one FAQ and one query, got "
              + faqs.size()
              + " and "
              + relevantByQuery.size());
    }
    List<Query> queries = new ArrayList<>();
    relevantByQuery.forEach((text, relevant) -> queries.add(new Query(text, relevant)));
    return new FaqDataset(List.copyOf(faqs.values()), queries, judgements);
  }

  private static boolean isJsonLines(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl") || name.endsWith(".json");
  }

  /** The rows of an FAQ table, exactly as the indexer parses them. */
  private static Map<String, Faq> readFaqTable(Path file) throws IOException {
    String name = file.getFileName().toString();
    ParsedDocument parsed;
    try {
      parsed = DocumentParsers.defaults().parse(Files.readAllBytes(file), name, null);
    } catch (DocumentParseException e) {
      throw new InvalidDatasetException(name + ": " + e.getMessage());
    }
    if (!(parsed instanceof FaqDocument table)) {
      throw new InvalidDatasetException(
          name + ": not an FAQ table (JSONL, or CSV/XLSX with question and answer columns)");
    }
    Map<String, Faq> faqs = new LinkedHashMap<>();
    for (FaqEntry e : table.entries()) {
      String id = e.id().isEmpty() ? "row-" + e.row() : e.id();
      faqs.put(id, new Faq(id, e.question(), e.answer()));
    }
    return faqs;
  }

  private static Map<String, Faq> readJsonFaqs(ObjectMapper json, Path faqsFile)
      throws IOException {
    Map<String, Faq> faqs = new LinkedHashMap<>();
    forEachLine(
        json,
        faqsFile,
        (node, where) -> {
          Faq faq =
              new Faq(
                  text(node, "id", where),
                  text(node, "question", where),
                  text(node, "answer", where));
          if (faqs.putIfAbsent(faq.id(), faq) != null) {
            throw new InvalidDatasetException(where + ": duplicate FAQ id '" + faq.id() + "'");
          }
        });
    return faqs;
  }

  private interface LineHandler {
    void accept(JsonNode node, String where);
  }

  /** Hands each non-blank line to the handler; returns how many it handed. */
  private static int forEachLine(ObjectMapper json, Path file, LineHandler handler)
      throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      int handed = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String where = file.getFileName() + ":" + number;
        JsonNode node;
        try {
          node = json.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new InvalidDatasetException(where + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        handler.accept(node, where);
        handed++;
      }
      return handed;
    }
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isValueNode() || v.asText().isBlank()) {
      throw new InvalidDatasetException(where + ": missing or blank \"" + field + "\"");
    }
    return v.asText();
  }
}
