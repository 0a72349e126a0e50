package io.streamdesk.retrieval.decision;

import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.util.Objects;

/**
 * The one output a classified message gets from retrieval: a generation command, or a reply written
 * directly (with a handoff when retrieval itself hands the conversation over).
 */
public sealed interface Decision {

  /** Relevant passages: the generation worker writes the reply. */
  record Generate(GenerateReply request) implements Decision {
    public Generate {
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * Answered here.
   *
   * @param handoff a handoff retrieval decided (REPEATED_FAILURE, or a human asked for without the
   *     intent stream's handoff), or null
   */
  record Reply(ReplyGenerated reply, HandoffRequested handoff) implements Decision {
    public Reply {
      Objects.requireNonNull(reply, "reply");
    }
  }
}
