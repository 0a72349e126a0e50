package io.streamdesk.retrieval.decision;

import io.streamdesk.retrieval.cache.PendingAnswer;
import io.streamdesk.retrieval.search.FollowUpContext;
import io.streamdesk.retrieval.state.MessageEffect;
import java.util.Objects;

/**
 * Everything deciding on one message produced: the one output, how it was reached, what it does to
 * the conversation, and what to remember for the next message.
 *
 * @param context the search to remember for follow-ups, or null to keep the previous one
 * @param pending a question whose generated reply may fill the answer cache, or null
 */
public record DecisionResult(
    Decision decision,
    DecisionPath path,
    MessageEffect effect,
    FollowUpContext context,
    PendingAnswer pending) {

  public DecisionResult {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(effect, "effect");
  }
}
