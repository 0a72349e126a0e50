package io.streamdesk.generation.prompt;

import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.ChatModel;
import io.streamdesk.generation.llm.GenerationException;
import io.streamdesk.generation.llm.ModelInfo;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.Passage;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.events.TurnRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the chat for one GenerateReply — system prompt ({@link SystemPrompts}: rules, numbered
 * passages, summary), the earlier turns, the customer's masked question — and fits it into the
 * model's budget (context length minus max new tokens, counted with {@link
 * ChatModel#countPromptTokens}, so the chat template is included). To fit it drops, in order: the
 * oldest turns down to {@code keep-recent-turns}; the weakest passages down to one; the remaining
 * turns; the summary; then it shortens the last passage. If even that does not fit, it fails with
 * {@link GenerationException.PromptTooLongException}.
 */
public final class PromptBuilder {

  private final PromptSettings settings;

  public PromptBuilder(PromptSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The fitted prompt for {@code request}, as {@code model} counts tokens. */
  public Prompt build(GenerateReply request, ChatModel model, int maxNewTokens) {
    int budget = budget(model.info(), maxNewTokens);
    List<Passage> given = request.getPassages();
    List<Passage> passages =
        new ArrayList<>(given.subList(0, Math.min(given.size(), settings.maxPassages())));
    List<Turn> allTurns = request.getHistory();
    List<Turn> history =
        new ArrayList<>(
            allTurns.subList(
                Math.max(0, allTurns.size() - settings.maxHistoryTurns()), allTurns.size()));
    String summary = request.getSummary() == null ? "" : request.getSummary();
    while (true) {
      List<ChatMessage> messages = messages(request, passages, history, summary);
      int tokens = model.countPromptTokens(messages);
      if (tokens <= budget) {
        return prompt(request, messages, passages, history, summary, tokens, budget);
      }
      if (history.size() > settings.keepRecentTurns()) {
        history.removeFirst();
      } else if (passages.size() > 1) {
        passages.remove(weakest(passages));
      } else if (!history.isEmpty()) {
        history.removeFirst();
      } else if (!summary.isEmpty()) {
        summary = "";
      } else {
        return shortened(request, model, passages, budget, tokens);
      }
    }
  }

  /** The prompt budget for a model: see {@link PromptSettings#maxPromptTokens()}. */
  public int budget(ModelInfo info, int maxNewTokens) {
    int context =
        info.contextLength() > 0 ? info.contextLength() : PromptSettings.UNKNOWN_CONTEXT_LENGTH;
    int budget = context - maxNewTokens;
    if (settings.maxPromptTokens() > 0) {
      budget = Math.min(budget, settings.maxPromptTokens());
    }
    return Math.max(1, budget);
  }

  private Prompt shortened(
      GenerateReply request, ChatModel model, List<Passage> passages, int budget, int tokens) {
    if (passages.isEmpty()) {
      throw new GenerationException.PromptTooLongException(request.getMessageId(), tokens, budget);
    }
    Passage passage = passages.getFirst();
    String text = passage.getText();
    // Binary search for the longest prefix of the passage that fits.
    int low = 0;
    int high = text.length();
    List<ChatMessage> best = null;
    int bestTokens = 0;
    List<Passage> bestPassages = null;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      List<Passage> cut = List.of(Passage.newBuilder(passage).setText(cut(text, mid)).build());
      List<ChatMessage> messages = messages(request, cut, List.of(), "");
      int count = model.countPromptTokens(messages);
      if (count <= budget) {
        best = messages;
        bestTokens = count;
        bestPassages = cut;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (best == null) {
      throw new GenerationException.PromptTooLongException(request.getMessageId(), tokens, budget);
    }
    return prompt(request, best, bestPassages, List.of(), "", bestTokens, budget);
  }

  private Prompt prompt(
      GenerateReply request,
      List<ChatMessage> messages,
      List<Passage> passages,
      List<Turn> history,
      String summary,
      int tokens,
      int budget) {
    return new Prompt(
        messages,
        passages,
        history.size(),
        request.getHistory().size() - history.size(),
        request.getPassages().size() - passages.size(),
        !summary.isEmpty(),
        tokens,
        budget,
        SystemPrompts.VERSION);
  }

  private static List<ChatMessage> messages(
      GenerateReply request, List<Passage> passages, List<Turn> history, String summary) {
    List<ChatMessage> messages = new ArrayList<>(history.size() + 2);
    messages.add(
        ChatMessage.system(SystemPrompts.render(request.getLanguage(), passages, summary)));
    for (Turn turn : history) {
      messages.add(
          turn.getRole() == TurnRole.ASSISTANT
              ? ChatMessage.assistant(turn.getText())
              : ChatMessage.user(turn.getText()));
    }
    messages.add(ChatMessage.user(request.getUserText()));
    return messages;
  }

  private static Passage weakest(List<Passage> passages) {
    // Passages arrive best first; among equal scores the later one is the weaker.
    Passage weakest = passages.getLast();
    for (Passage p : passages.reversed()) {
      if (p.getScore() < weakest.getScore()) {
        weakest = p;
      }
    }
    return weakest;
  }

  private static String cut(String text, int length) {
    if (length >= text.length()) {
      return text;
    }
    int end = length;
    // Never split a surrogate pair.
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
