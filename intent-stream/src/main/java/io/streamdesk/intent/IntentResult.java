package io.streamdesk.intent;

import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.MessageClassified;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the intent stream publishes for one message: always one MessageClassified, and a
 * HandoffRequested when a handoff rule fired.
 *
 * @param classified for cs.messages.classified
 * @param handoff for cs.handoffs, if a rule fired
 */
public record IntentResult(MessageClassified classified, Optional<HandoffRequested> handoff) {

  public IntentResult {
    Objects.requireNonNull(classified, "classified");
    Objects.requireNonNull(handoff, "handoff");
  }

  /** The handoff as a list of zero or one, for {@code flatMapValues}. */
  public List<HandoffRequested> handoffs() {
    return handoff.map(List::of).orElse(List.of());
  }
}
