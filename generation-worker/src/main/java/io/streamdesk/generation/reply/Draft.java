package io.streamdesk.generation.reply;

import io.streamdesk.schemas.events.Passage;
import io.streamdesk.schemas.events.ReplyAction;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A reply as the generator wrote it, before the output guard.
 *
 * @param text the text as generated (citation markers such as [1] still in it)
 * @param source who wrote it, which decides whether the guard checks grounding
 * @param numberedPassages the passages as numbered in the prompt: marker [n] means element n-1
 * @param cited passages the draft relies on when known without markers (extractive answers)
 * @param suggestedAction the action the generator knows applies (FALLBACK for "no answer found"),
 *     or null to let the guard decide
 * @param model generator recorded on the reply
 * @param promptVersion version of the prompt used, or null when there was none
 * @param timeToFirstToken from submission to the first text
 * @param total from submission to completion
 * @param promptTokens prompt length in tokens, 0 when unknown
 * @param completionTokens generated tokens, 0 when unknown
 */
public record Draft(
    String text,
    Source source,
    List<Passage> numberedPassages,
    List<Passage> cited,
    ReplyAction suggestedAction,
    String model,
    String promptVersion,
    Duration timeToFirstToken,
    Duration total,
    int promptTokens,
    int completionTokens) {

  /** Who wrote a draft. */
  public enum Source {
    /** A language model: free text, checked for grounding against the passages. */
    MODEL,
    /** Sentences or an FAQ answer copied from the passages: grounded by construction. */
    EXTRACTIVE,
    /** One of the worker's own canned sentences (no answer found, handing off). */
    TEMPLATE
  }

  public Draft {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    numberedPassages = List.copyOf(numberedPassages);
    cited = List.copyOf(cited);
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    Objects.requireNonNull(total, "total");
  }
}
