package io.streamdesk.intent.policy;

import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.PolicyAction;
import io.streamdesk.schemas.events.PolicyHit;
import java.util.Objects;

/**
 * Words of one category found in a message. Carries no matched words: hits go on analytics topics.
 *
 * @param category word-list category
 * @param action what the category's policy decided
 * @param priority handoff priority of the category's policy
 * @param count number of matched words of the category
 */
public record CategoryHit(
    String category, PolicyAction action, HandoffPriority priority, int count) {

  public CategoryHit {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(priority, "priority");
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, was " + count);
    }
  }

  /** The hit as the Avro record carried in MessageClassified.policyHits. */
  public PolicyHit toAvro() {
    return PolicyHit.newBuilder().setCategory(category).setAction(action).setCount(count).build();
  }
}
