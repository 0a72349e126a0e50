package io.streamdesk.stack.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.stack.bench.LatencyStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The comparison a replay produces: per replayed message, what production answered (original) and
 * what the shadow pipeline answers now, with what changed; and a summary. Messages are compared
 * where both sides have an outcome; a side without one is counted, never guessed.
 *
 * @param from start of the replayed range
 * @param to end of the replayed range
 * @param conversation the conversation filter, if any
 * @param shadowPrefix the topic prefix of the shadow pipeline
 * @param unreadableSource inbound records in the range that could not be decoded (not replayed)
 * @param rows one per replayed message, in source order
 */
public record ReplayReport(
    Instant from,
    Instant to,
    Optional<String> conversation,
    String shadowPrefix,
    long unreadableSource,
    List<Row> rows) {

  /** What one side made of a message. */
  public enum OutcomeKind {
    REPLY,
    DLQ,
    NONE
  }

  /**
   * One side's outcome.
   *
   * @param kind a reply, a dead letter, or nothing (timed out, or not in the topics any more)
   * @param intent the reply's intent (or the classification's, for a dead letter after it)
   * @param action ANSWER, CLARIFY, HANDOFF, FALLBACK; null without a reply
   * @param text the reply text
   * @param citedDocuments document ids the reply cites, in order
   * @param latencyMs from the message entering the pipeline to the reply being produced
   * @param model the reply's generator
   * @param kbVersion the knowledge-base version of the reply
   * @param replies replies seen for the message (more than one is a duplicate)
   * @param failure the dead letter's stage and reason
   */
  public record Side(
      OutcomeKind kind,
      String intent,
      String action,
      String text,
      List<String> citedDocuments,
      Long latencyMs,
      String model,
      Long kbVersion,
      int replies,
      String failure) {
    public Side {
      Objects.requireNonNull(kind, "kind");
      citedDocuments = citedDocuments == null ? List.of() : List.copyOf(citedDocuments);
    }

    static Side none(String intent) {
      return new Side(OutcomeKind.NONE, intent, null, null, List.of(), null, null, null, 0, null);
    }

    /** The action, or DLQ / NONE without a reply. */
    String actionOrOutcome() {
      return kind == OutcomeKind.REPLY ? action : kind.name();
    }
  }

  /**
   * One replayed message.
   *
   * @param messageId inbound message id
   * @param conversationId its conversation
   * @param receivedAt when the customer sent it
   * @param maskedText the customer's text as the pipeline masked it (never the raw text)
   * @param original production's outcome
   * @param shadow the shadow pipeline's outcome
   */
  public record Row(
      String messageId,
      String conversationId,
      Instant receivedAt,
      String maskedText,
      Side original,
      Side shadow) {

    /** Both sides have an outcome to compare. */
    public boolean compared() {
      return original.kind() != OutcomeKind.NONE && shadow.kind() != OutcomeKind.NONE;
    }

    public boolean intentChanged() {
      return compared()
          && original.intent() != null
          && shadow.intent() != null
          && !original.intent().equals(shadow.intent());
    }

    public boolean actionChanged() {
      return compared() && !original.actionOrOutcome().equals(shadow.actionOrOutcome());
    }

    private boolean bothReplied() {
      return original.kind() == OutcomeKind.REPLY && shadow.kind() == OutcomeKind.REPLY;
    }

    public boolean answerChanged() {
      return bothReplied() && !original.text().strip().equals(shadow.text().strip());
    }

    public boolean citationsChanged() {
      return bothReplied()
          && !new TreeSet<>(original.citedDocuments())
              .equals(new TreeSet<>(shadow.citedDocuments()));
    }

    /** Text similarity of the two replies (1 = identical), when both replied. */
    public Optional<Double> similarity() {
      return bothReplied()
          ? Optional.of(TextSimilarity.of(original.text(), shadow.text()))
          : Optional.empty();
    }

    public boolean changed() {
      return intentChanged() || actionChanged() || answerChanged() || citationsChanged();
    }
  }

  public ReplayReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(conversation, "conversation");
    rows = List.copyOf(rows);
  }

  public long count(java.util.function.Predicate<Row> which) {
    return rows.stream().filter(which).count();
  }

  /** Mean similarity of the replies where both sides replied; NaN when none did. */
  public double meanSimilarity() {
    return rows.stream()
        .flatMap(r -> r.similarity().stream())
        .mapToDouble(Double::doubleValue)
        .average()
        .orElse(Double.NaN);
  }

  /** "ORIGINAL -> SHADOW" counts of the changed values of {@code which}. */
  Map<String, Long> transitions(
      java.util.function.Predicate<Row> changed, java.util.function.Function<Side, String> which) {
    Map<String, Long> counts = new TreeMap<>();
    rows.stream()
        .filter(changed)
        .forEach(
            r ->
                counts.merge(
                    which.apply(r.original()) + " -> " + which.apply(r.shadow()), 1L, Long::sum));
    return counts;
  }

  /** The summary as JSON. */
  public ObjectNode summaryJson() {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("messages", rows.size());
    s.put("conversations", rows.stream().map(Row::conversationId).distinct().count());
    s.put("from", from.toString());
    s.put("to", to.toString());
    conversation.ifPresent(c -> s.put("conversation", c));
    s.put("shadow_prefix", shadowPrefix);
    s.put("unreadable_source_records", unreadableSource);
    ObjectNode original = s.putObject("original");
    sideCounts(original, Row::original);
    ObjectNode shadow = s.putObject("shadow");
    sideCounts(shadow, Row::shadow);
    s.put("compared", count(Row::compared));
    s.put("intent_changes", count(Row::intentChanged));
    s.put("action_changes", count(Row::actionChanged));
    s.put("answer_changes", count(Row::answerChanged));
    s.put("citation_changes", count(Row::citationsChanged));
    double similarity = meanSimilarity();
    if (Double.isNaN(similarity)) {
      s.putNull("mean_answer_similarity");
    } else {
      s.put("mean_answer_similarity", Math.round(similarity * 1000) / 1000.0);
    }
    ObjectNode intents = s.putObject("intent_transitions");
    transitions(Row::intentChanged, Side::intent).forEach(intents::put);
    ObjectNode actions = s.putObject("action_transitions");
    transitions(Row::actionChanged, Side::actionOrOutcome).forEach(actions::put);
    ObjectNode latency = s.putObject("latency_ms");
    latency.set("original", latency(Row::original));
    latency.set("shadow", latency(Row::shadow));
    return s;
  }

  private void sideCounts(ObjectNode node, java.util.function.Function<Row, Side> side) {
    node.put("replied", count(r -> side.apply(r).kind() == OutcomeKind.REPLY));
    node.put("dlq", count(r -> side.apply(r).kind() == OutcomeKind.DLQ));
    node.put("none", count(r -> side.apply(r).kind() == OutcomeKind.NONE));
    node.put(
        "duplicates", rows.stream().mapToLong(r -> Math.max(0, side.apply(r).replies() - 1)).sum());
    ArrayNode kb = node.putArray("kb_versions");
    rows.stream()
        .map(r -> side.apply(r).kbVersion())
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .forEach(kb::add);
  }

  private ObjectNode latency(java.util.function.Function<Row, Side> side) {
    LatencyStats stats = new LatencyStats();
    rows.stream()
        .map(side)
        .filter(s -> s.latencyMs() != null)
        .forEach(s -> stats.recordMillis(s.latencyMs()));
    return stats.toJson();
  }

  /** Summary and every row as JSON. */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("summary", summaryJson());
    ArrayNode array = out.putArray("messages");
    for (Row r : rows) {
      ObjectNode row = array.addObject();
      row.put("message_id", r.messageId());
      row.put("conversation_id", r.conversationId());
      row.put("received_at", r.receivedAt().toString());
      row.put("text", r.maskedText());
      row.set("original", side(r.original()));
      row.set("shadow", side(r.shadow()));
      ObjectNode changes = row.putObject("changes");
      changes.put("intent", r.intentChanged());
      changes.put("action", r.actionChanged());
      changes.put("answer", r.answerChanged());
      changes.put("citations", r.citationsChanged());
      r.similarity().ifPresent(v -> row.put("similarity", Math.round(v * 1000) / 1000.0));
    }
    return out;
  }

  private static ObjectNode side(Side s) {
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("outcome", s.kind().name());
    node.put("intent", s.intent());
    node.put("action", s.action());
    node.put("text", s.text());
    ArrayNode cited = node.putArray("cited_documents");
    s.citedDocuments().forEach(cited::add);
    if (s.latencyMs() != null) {
      node.put("latency_ms", s.latencyMs());
    }
    node.put("model", s.model());
    if (s.kbVersion() != null) {
      node.put("kb_version", s.kbVersion());
    }
    if (s.replies() > 1) {
      node.put("replies", s.replies());
    }
    if (s.failure() != null) {
      node.put("failure", s.failure());
    }
    return node;
  }
}
