package io.streamdesk.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One conversation of the end-to-end script {@code e2e/conversations.jsonl}: a customer's turns,
 * each with what the pipeline must answer.
 *
 * @param id readable id, e.g. zh-01
 * @param language zh or en
 * @param turns the customer's messages, in order
 */
record ScriptedConversation(String id, String language, List<Turn> turns) {

  static final String RESOURCE = "/e2e/conversations.jsonl";

  /**
   * One customer message and its expectation.
   *
   * @param text what the customer types
   * @param expect what the reply must be
   * @param followUp whether it only makes sense with the conversation's earlier turns
   */
  record Turn(String text, Expectation expect, boolean followUp) {}

  /**
   * @param action the reply's action (ANSWER, CLARIFY, HANDOFF, FALLBACK)
   * @param faq the sample-KB FAQ row the reply must cite (e.g. zh-faq-035), if any
   * @param intent the classified intent, if given
   * @param reason the HandoffRequested reason, for HANDOFF
   */
  record Expectation(
      String action, Optional<String> faq, Optional<String> intent, Optional<String> reason) {}

  ScriptedConversation {
    Objects.requireNonNull(id, "id");
    turns = List.copyOf(turns);
  }

  /** The locale a channel would send for the language. */
  String locale() {
    return "zh".equals(language) ? "zh-CN" : "en-US";
  }

  /** Reads the bundled script, one conversation a line. */
  static List<ScriptedConversation> load(ObjectMapper json) {
    try (InputStream in =
            Objects.requireNonNull(
                ScriptedConversation.class.getResourceAsStream(RESOURCE), RESOURCE);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<ScriptedConversation> conversations = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          conversations.add(parse(json.readTree(line)));
        }
      }
      return conversations;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ScriptedConversation parse(JsonNode node) {
    List<Turn> turns = new ArrayList<>();
    for (JsonNode t : node.path("turns")) {
      JsonNode e = t.path("expect");
      turns.add(
          new Turn(
              t.path("text").asText(),
              new Expectation(
                  e.path("action").asText(),
                  optional(e, "faq"),
                  optional(e, "intent"),
                  optional(e, "reason")),
              t.path("followUp").asBoolean(false)));
    }
    return new ScriptedConversation(
        node.path("id").asText(), node.path("language").asText(), turns);
  }

  private static Optional<String> optional(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
