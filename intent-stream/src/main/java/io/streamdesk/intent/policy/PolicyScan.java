package io.streamdesk.intent.policy;

import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.PolicyAction;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The output of {@link SensitiveWordFilter#scan}.
 *
 * @param maskedText the text with every matched word replaced by {@code *} (one per character)
 * @param hits one entry per category that matched, in category order
 */
public record PolicyScan(String maskedText, List<CategoryHit> hits) {

  private static final Comparator<CategoryHit> SEVERITY =
      Comparator.comparingInt((CategoryHit h) -> severity(h.action()))
          .thenComparingInt(h -> h.priority().ordinal());

  public PolicyScan {
    Objects.requireNonNull(maskedText, "maskedText");
    hits = List.copyOf(hits);
  }

  public boolean hasHits() {
    return !hits.isEmpty();
  }

  /** The strictest action among the hits: HANDOFF over REFUSE over MASK; empty when clean. */
  public Optional<PolicyAction> suggestedAction() {
    return strongest().map(CategoryHit::action);
  }

  /** The hit with the strictest action, ties broken by the higher handoff priority. */
  public Optional<CategoryHit> strongest() {
    return hits.stream().max(SEVERITY);
  }

  /** Highest priority among HANDOFF hits, if any. */
  public Optional<HandoffPriority> handoffPriority() {
    return hits.stream()
        .filter(h -> h.action() == PolicyAction.HANDOFF)
        .map(CategoryHit::priority)
        .max(Comparator.naturalOrder());
  }

  static int severity(PolicyAction action) {
    return switch (action) {
      case MASK -> 0;
      case REFUSE -> 1;
      case HANDOFF -> 2;
    };
  }
}
