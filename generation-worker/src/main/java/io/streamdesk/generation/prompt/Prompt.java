package io.streamdesk.generation.prompt;

import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.schemas.events.Passage;
import java.util.List;

/**
 * A prompt fitted to the model's budget.
 *
 * @param messages system prompt (rules, numbered passages, summary), earlier turns, the question
 * @param passages the passages in the prompt, in number order: [1] is element 0
 * @param historyTurns earlier turns included
 * @param droppedTurns earlier turns left out to fit
 * @param droppedPassages passages left out to fit (or beyond max-passages)
 * @param summaryIncluded whether the conversation summary is in it
 * @param tokens the prompt's length as the model counts it
 * @param budget the most tokens it could take
 * @param version the prompt template's version, recorded on the reply
 */
public record Prompt(
    List<ChatMessage> messages,
    List<Passage> passages,
    int historyTurns,
    int droppedTurns,
    int droppedPassages,
    boolean summaryIncluded,
    int tokens,
    int budget,
    String version) {

  public Prompt {
    messages = List.copyOf(messages);
    passages = List.copyOf(passages);
  }
}
