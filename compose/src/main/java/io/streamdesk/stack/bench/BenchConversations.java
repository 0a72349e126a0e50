package io.streamdesk.stack.bench;

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
 * The scripted conversations the benchmark plays: one JSON object per line, {@code {"id",
 * "language": "zh"|"en", "turns": [{"text": ...}, ...]}} (other fields ignored). The bundled set
 * ({@value #BUNDLED}) holds 75 Chinese and English customer conversations: greetings, order
 * numbers, FAQ questions and follow-ups, complaints, handoffs and some PII.
 */
public final class BenchConversations {

  /** Classpath resource of the bundled conversations. */
  public static final String BUNDLED = "/bench/conversations.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchConversations() {}

  /**
   * One scripted conversation.
   *
   * @param id script id
   * @param language zh or en
   * @param turns the customer's messages, in order
   */
  public record Script(String id, String language, List<String> turns) {
    public Script {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(language, "language");
      turns = List.copyOf(turns);
      if (turns.isEmpty()) {
        throw new IllegalArgumentException("conversation " + id + " has no turns");
      }
    }

    /** The channel locale a customer writing in this language would send. */
    public String locale() {
      return switch (language) {
        case "zh" -> "zh-CN";
        case "en" -> "en-US";
        default -> language;
      };
    }
  }

  /** The bundled conversations. */
  public static List<Script> bundled() {
    InputStream in = BenchConversations.class.getResourceAsStream(BUNDLED);
    if (in == null) {
      throw new IllegalStateException(BUNDLED + " is missing from the classpath");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(reader, BUNDLED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Conversations from a JSONL file.
   *
   * @throws IllegalArgumentException naming the line of a malformed conversation
   */
  public static List<Script> read(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString());
    }
  }

  private static List<Script> parse(BufferedReader reader, String source) throws IOException {
    List<Script> scripts = new ArrayList<>();
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        List<String> turns = new ArrayList<>();
        for (JsonNode turn : node.path("turns")) {
          String text = turn.path("text").asText("");
          if (!text.isBlank()) {
            turns.add(text);
          }
        }
        scripts.add(
            new Script(
                node.path("id").asText(source + ":" + number),
                node.path("language").asText("en"),
                turns));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            source + " line " + number + ": not a conversation (" + e.getMessage() + ")", e);
      }
    }
    if (scripts.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no conversation");
    }
    return scripts;
  }
}
