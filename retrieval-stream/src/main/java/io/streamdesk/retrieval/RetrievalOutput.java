package io.streamdesk.retrieval;

import io.streamdesk.retrieval.decision.Decision;
import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.util.Collections;
import java.util.List;

/**
 * What one input (or one expiry sweep) of the retrieval stream writes: a change of the
 * conversation's state for {@code cs.conversations}, and, for a customer message, its one {@link
 * Decision}.
 *
 * @param state the new state; null when unchanged
 * @param deleted whether the conversation was deleted (a tombstone on {@code cs.conversations})
 * @param decision the answer to a customer message, or null
 */
public record RetrievalOutput(ConversationState state, boolean deleted, Decision decision) {

  public static RetrievalOutput state(ConversationState state) {
    return new RetrievalOutput(state, false, null);
  }

  public static RetrievalOutput deletion() {
    return new RetrievalOutput(null, true, null);
  }

  /** The record for cs.conversations: the state, a tombstone (null), or nothing. */
  public List<ConversationState> stateRecords() {
    if (deleted) {
      return Collections.singletonList(null);
    }
    return state == null ? List.of() : List.of(state);
  }

  public List<GenerateReply> generationRequests() {
    return decision instanceof Decision.Generate g ? List.of(g.request()) : List.of();
  }

  public List<ReplyGenerated> replies() {
    return decision instanceof Decision.Reply r ? List.of(r.reply()) : List.of();
  }

  public List<HandoffRequested> handoffs() {
    return decision instanceof Decision.Reply r && r.handoff() != null
        ? List.of(r.handoff())
        : List.of();
  }
}
