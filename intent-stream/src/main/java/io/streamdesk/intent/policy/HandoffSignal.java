package io.streamdesk.intent.policy;

import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import java.util.Objects;

/**
 * One rule that asks for a human, ready for HandoffRequested.
 *
 * @param reason USER_REQUEST, COMPLAINT or POLICY (the topology adds LOW_CONFIDENCE itself)
 * @param priority how urgently an agent should pick it up
 * @param detail human-readable rule and evidence for HandoffRequested.detail; built from the
 *     PII-masked text only
 */
public record HandoffSignal(HandoffReason reason, HandoffPriority priority, String detail) {

  public HandoffSignal {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(detail, "detail");
  }
}
