package io.streamdesk.stack.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.stack.replay.ReplayReport.Row;
import io.streamdesk.stack.replay.ReplayReport.Side;
import java.util.Map;

/**
 * A replay report as Markdown for people: the summary, the transitions, and a table of the changed
 * messages (unchanged ones are only counted; the JSON report lists every message).
 */
final class ReplayMarkdown {

  private static final int CELL_CHARS = 160;

  private ReplayMarkdown() {}

  static String render(ReplayReport report) {
    ObjectNode s = report.summaryJson();
    StringBuilder md = new StringBuilder();
    md.append("# Replay ").append(report.from()).append(" .. ").append(report.to()).append("\n\n");
    report.conversation().ifPresent(c -> md.append("Conversation `").append(c).append("`. "));
    md.append("Shadow pipeline under prefix `").append(report.shadowPrefix()).append("`.\n\n");
    md.append("| | original | shadow |\n|---|---|---|\n");
    for (String field : new String[] {"replied", "dlq", "none", "duplicates"}) {
      md.append("| ")
          .append(field)
          .append(" | ")
          .append(s.path("original").path(field).asLong())
          .append(" | ")
          .append(s.path("shadow").path(field).asLong())
          .append(" |\n");
    }
    md.append("| KB versions | ")
        .append(s.path("original").path("kb_versions"))
        .append(" | ")
        .append(s.path("shadow").path("kb_versions"))
        .append(" |\n");
    for (String p : new String[] {"p50", "p95", "p99"}) {
      md.append("| latency ")
          .append(p)
          .append(" ms | ")
          .append(s.path("latency_ms").path("original").path(p).asText("-"))
          .append(" | ")
          .append(s.path("latency_ms").path("shadow").path(p).asText("-"))
          .append(" |\n");
    }
    md.append("\n");
    md.append("Messages ")
        .append(s.path("messages").asLong())
        .append(" in ")
        .append(s.path("conversations").asLong())
        .append(" conversations; compared ")
        .append(s.path("compared").asLong())
        .append(": intent changes ")
        .append(s.path("intent_changes").asLong())
        .append(", action changes ")
        .append(s.path("action_changes").asLong())
        .append(", answer changes ")
        .append(s.path("answer_changes").asLong())
        .append(", citation changes ")
        .append(s.path("citation_changes").asLong())
        .append(", mean answer similarity ")
        .append(s.path("mean_answer_similarity").asText("-"))
        .append(".\n\n");
    transitions(md, "Intent changes", s.path("intent_transitions"));
    transitions(md, "Action changes", s.path("action_transitions"));

    long changed = report.count(Row::changed);
    md.append("## Changed messages (").append(changed).append(")\n\n");
    if (changed > 0) {
      md.append(
          "| received | conversation | customer (masked) | intent | action | similarity |"
              + " original reply | shadow reply |\n");
      md.append("|---|---|---|---|---|---|---|---|\n");
      for (Row r : report.rows()) {
        if (!r.changed()) {
          continue;
        }
        md.append("| ")
            .append(r.receivedAt())
            .append(" | ")
            .append(cell(r.conversationId()))
            .append(" | ")
            .append(cell(r.maskedText()))
            .append(" | ")
            .append(change(r.original().intent(), r.shadow().intent()))
            .append(" | ")
            .append(change(r.original().actionOrOutcome(), r.shadow().actionOrOutcome()))
            .append(" | ")
            .append(r.similarity().map(v -> String.format("%.2f", v)).orElse("-"))
            .append(" | ")
            .append(cell(reply(r.original())))
            .append(" | ")
            .append(cell(reply(r.shadow())))
            .append(" |\n");
      }
    }
    md.append("\n")
        .append(report.rows().size() - changed)
        .append(" unchanged messages are listed in the JSON report only.\n");
    return md.toString();
  }

  private static void transitions(StringBuilder md, String title, JsonNode counts) {
    if (counts.isEmpty()) {
      return;
    }
    md.append("**").append(title).append("**: ");
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : counts.properties()) {
      md.append(first ? "" : ", ").append('`').append(e.getKey()).append("` ").append(e.getValue());
      first = false;
    }
    md.append("\n\n");
  }

  private static String reply(Side side) {
    return switch (side.kind()) {
      case REPLY ->
          side.text() + (side.citedDocuments().isEmpty() ? "" : " " + side.citedDocuments());
      case DLQ -> "(dead letter: " + side.failure() + ")";
      case NONE -> "(none)";
    };
  }

  private static String change(String original, String shadow) {
    String o = original == null ? "-" : original;
    String s = shadow == null ? "-" : shadow;
    return o.equals(s) ? o : o + " → **" + s + "**";
  }

  private static String cell(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    return flat.length() > CELL_CHARS ? flat.substring(0, CELL_CHARS - 1) + "…" : flat;
  }
}
