package io.streamdesk.stack.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One conversation in the fine-tuning format of the source design: {@code {"conversations":
 * [{"role": "user"|"assistant", "content": ...}], "intent": ..., "domain": ...}}.
 *
 * <ul>
 *   <li>Turns alternate user/assistant and start with the user: consecutive messages of one role (a
 *       customer writing twice before the answer, a message without a reply) are joined with a
 *       newline; a trailing customer message without an answer is dropped.
 *   <li>{@code intent}: the conversation's dominant intent, ignoring the conversational ones
 *       (greeting, feedback, other) while a topical one exists; among equally frequent intents the
 *       latest wins; a conversation of only conversational turns gets its last intent.
 *   <li>{@code domain}: the knowledge-base category most cited by the answers (ties: the first
 *       cited), or {@value #DEFAULT_DOMAIN} when no answer cites a categorised passage.
 * </ul>
 *
 * @param turns the alternating turns
 * @param intent the conversation's intent
 * @param domain the conversation's domain
 */
public record FineTuningConversation(List<Turn> turns, String intent, String domain) {

  /** Domain of conversations whose answers cite no categorised passage. */
  public static final String DEFAULT_DOMAIN = "customer_service";

  /** Intents that say how the customer talks, not what the conversation is about. */
  static final Set<String> CONVERSATIONAL_INTENTS = Set.of("greeting", "feedback", "other");

  /**
   * One turn.
   *
   * @param role user or assistant
   * @param content masked customer text, or the (guarded) reply text
   */
  public record Turn(String role, String content) {
    public Turn {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(content, "content");
    }
  }

  /**
   * One customer message and its answer, as read from the topics.
   *
   * @param maskedText the customer's text as the intent stream masked it
   * @param intent the message's intent
   * @param reply the reply text, if it was answered
   * @param citedCategories knowledge-base categories of the passages the reply cites, in order
   */
  public record Exchange(
      String maskedText, String intent, Optional<String> reply, List<String> citedCategories) {
    public Exchange {
      citedCategories = List.copyOf(citedCategories);
    }
  }

  public FineTuningConversation {
    turns = List.copyOf(turns);
  }

  /** The conversation of these exchanges (in order), or empty when nothing was answered. */
  public static Optional<FineTuningConversation> of(List<Exchange> exchanges) {
    List<Turn> turns = new ArrayList<>();
    List<String> pendingIntents = new ArrayList<>();
    List<String> intents = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    for (Exchange e : exchanges) {
      if (e.maskedText() == null || e.maskedText().isBlank()) {
        continue; // an answer without its question teaches nothing
      }
      append(turns, "user", e.maskedText().strip());
      if (e.intent() != null && !e.intent().isBlank()) {
        pendingIntents.add(e.intent());
      }
      Optional<String> reply = e.reply().filter(r -> !r.isBlank());
      if (reply.isPresent()) {
        append(turns, "assistant", reply.get().strip());
        categories.addAll(e.citedCategories());
        // Only messages that stay in the conversation (answered, or joined to an answered one)
        // say what it is about.
        intents.addAll(pendingIntents);
        pendingIntents.clear();
      }
    }
    while (!turns.isEmpty() && turns.getLast().role().equals("user")) {
      turns.removeLast();
    }
    if (turns.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new FineTuningConversation(turns, dominantIntent(intents), domain(categories)));
  }

  private static void append(List<Turn> turns, String role, String content) {
    if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
      Turn last = turns.removeLast();
      turns.add(new Turn(role, last.content() + "\n" + content));
    } else {
      turns.add(new Turn(role, content));
    }
  }

  static String dominantIntent(List<String> intents) {
    if (intents.isEmpty()) {
      return "other";
    }
    List<String> topical =
        intents.stream().filter(i -> !CONVERSATIONAL_INTENTS.contains(i)).toList();
    if (topical.isEmpty()) {
      return intents.getLast();
    }
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Integer> lastSeen = new HashMap<>();
    for (int i = 0; i < topical.size(); i++) {
      counts.merge(topical.get(i), 1, Integer::sum);
      lastSeen.put(topical.get(i), i);
    }
    return counts.keySet().stream()
        .max(Comparator.<String>comparingInt(counts::get).thenComparingInt(lastSeen::get))
        .orElseThrow();
  }

  static String domain(List<String> categories) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String c : categories) {
      if (c != null && !c.isBlank()) {
        counts.merge(c.strip(), 1, Integer::sum);
      }
    }
    String best = DEFAULT_DOMAIN;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount) { // strictly more: the first cited wins a tie
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }
}
