package io.streamdesk.retrieval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One calibration query: a customer question and the FAQ row that answers it, or none (a question
 * the knowledge base cannot answer: an unrelated shop question or an out-of-domain one). JSONL:
 * {@code {"language","text","faq","kind"}}, {@code faq} null for negatives.
 *
 * @param faq the id suffix of the answering FAQ row (e.g. {@code zh-faq-035}), or null
 * @param kind paraphrase, unrelated or out-of-domain
 */
public record LabelledQuery(String language, String text, String faq, String kind) {

  /** The bundled set for the sample knowledge base (paraphrases and negatives, zh and en). */
  public static final String BUNDLED = "/io/streamdesk/retrieval/calibration/sample-kb.jsonl";

  public LabelledQuery {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(text, "text");
    kind = kind == null ? (faq == null ? "negative" : "paraphrase") : kind;
  }

  public boolean answerable() {
    return faq != null;
  }

  /** Whether a chunk id is this query's FAQ row ({@code sample-kb/zh/faq.csv#zh-faq-035}). */
  public boolean isAnswer(String chunkId) {
    return faq != null && (chunkId.equals(faq) || chunkId.endsWith("#" + faq));
  }

  /** Reads a JSONL file, or the bundled set when {@code file} is null. */
  public static List<LabelledQuery> read(Path file) {
    try (InputStream in =
        file == null
            ? Objects.requireNonNull(
                LabelledQuery.class.getResourceAsStream(BUNDLED), "missing " + BUNDLED)
            : Files.newInputStream(file)) {
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + (file == null ? BUNDLED : file), e);
    }
  }

  private static List<LabelledQuery> parse(BufferedReader reader) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<LabelledQuery> out = new ArrayList<>();
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      if (!n.hasNonNull("language") || !n.hasNonNull("text")) {
        throw new IOException("line " + number + ": needs \"language\" and \"text\"");
      }
      out.add(
          new LabelledQuery(
              n.get("language").asText(),
              n.get("text").asText(),
              n.hasNonNull("faq") ? n.get("faq").asText() : null,
              n.hasNonNull("kind") ? n.get("kind").asText() : null));
    }
    return out;
  }
}
