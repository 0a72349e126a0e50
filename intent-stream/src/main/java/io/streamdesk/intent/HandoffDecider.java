package io.streamdesk.intent;

import io.streamdesk.intent.policy.HandoffAssessment;
import io.streamdesk.intent.policy.HandoffSignal;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a message hands its conversation to a human, and what the conversation's memory
 * becomes. Pure: the same message and memory always give the same decision, so a replay decides as
 * the original run did.
 *
 * <p>At most one handoff per message, the first rule that fires in this order:
 *
 * <ol>
 *   <li>the text pipeline's signals, the most urgent one (POLICY, COMPLAINT, USER_REQUEST);
 *   <li>USER_REQUEST when the classifier confidently predicts one of {@link
 *       HandoffRules#humanIntents()} (a request phrased in a way no rule knows);
 *   <li>COMPLAINT when it confidently predicts one of {@link HandoffRules#complaintIntents()} and
 *       the text holds complaint wording the lexicon alone finds too mild (a plain "我要投诉"); an
 *       impatient question without such wording stays with the assistant;
 *   <li>LOW_CONFIDENCE when this is the {@link HandoffRules#lowConfidenceTurns()}-th low-confidence
 *       (or out-of-scope) turn in a row.
 * </ol>
 *
 * A handoff resets the streak, so the next two unclear turns do not hand off again at once.
 */
public final class HandoffDecider {

  private final HandoffRules rules;

  public HandoffDecider(HandoffRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public HandoffRules rules() {
    return rules;
  }

  /**
   * The decision for one message.
   *
   * @param message the analysed message
   * @param previous the conversation's memory, or null for a new conversation
   * @param eventTime the message's event time, epoch ms
   */
  public Decision decide(AnalysedMessage message, ConversationMemory previous, long eventTime) {
    ConversationMemory memory =
        previous == null || previous.expiredAt(eventTime, rules.memoryTtl().toMillis())
            ? ConversationMemory.EMPTY
            : previous;
    Classification c = message.classification();
    boolean lowConfidence = isLowConfidence(c);
    int streak = lowConfidence ? memory.lowConfidenceStreak() + 1 : 0;
    ConversationMemory next =
        memory.append(
            new ConversationMemory.Turn(
                message.message().getMessageId(),
                message.text().maskedText(),
                c.publishedIntent(),
                eventTime),
            streak,
            rules.recentTurns());

    Optional<Handoff> handoff =
        message
            .text()
            .handoff()
            .primary()
            .map(Handoff::of)
            .or(() -> humanIntent(c, lowConfidence))
            .or(() -> complaintIntent(c, lowConfidence, message.text().handoff()))
            .or(() -> lowConfidenceStreak(c, streak));
    return new Decision(handoff, handoff.isPresent() ? next.withStreak(0) : next, lowConfidence);
  }

  /** Out of scope, or the best confidence below the rule's threshold. */
  public boolean isLowConfidence(Classification c) {
    return c.outOfScope() || c.confidence() < rules.lowConfidenceBelow();
  }

  private Optional<Handoff> humanIntent(Classification c, boolean lowConfidence) {
    if (lowConfidence || !rules.humanIntents().contains(c.intent())) {
      return Optional.empty();
    }
    return Optional.of(
        new Handoff(
            HandoffReason.USER_REQUEST,
            HandoffPriority.NORMAL,
            "classifier: intent " + c.intent() + " (" + percent(c.confidence()) + ")"));
  }

  private Optional<Handoff> complaintIntent(
      Classification c, boolean lowConfidence, HandoffAssessment text) {
    if (lowConfidence
        || !text.complaintWording()
        || !rules.complaintIntents().contains(c.intent())) {
      return Optional.empty();
    }
    return Optional.of(
        new Handoff(
            HandoffReason.COMPLAINT,
            HandoffPriority.NORMAL,
            "classifier: intent "
                + c.intent()
                + " ("
                + percent(c.confidence())
                + ") with complaint wording"));
  }

  private Optional<Handoff> lowConfidenceStreak(Classification c, int streak) {
    if (streak < rules.lowConfidenceTurns()) {
      return Optional.empty();
    }
    String last =
        c.outOfScope()
            ? "out of scope, best " + c.intent() + " " + percent(c.confidence())
            : c.intent() + " " + percent(c.confidence());
    return Optional.of(
        new Handoff(
            HandoffReason.LOW_CONFIDENCE,
            HandoffPriority.NORMAL,
            streak + " low-confidence turns in a row (last: " + last + ")"));
  }

  private static String percent(double p) {
    return String.format(Locale.ROOT, "%.2f", p);
  }

  /**
   * The outcome of the rules for one message.
   *
   * @param handoff the handoff to request, if a rule fired
   * @param memory the conversation's memory after this message
   * @param lowConfidence whether the message counted as low-confidence
   */
  public record Decision(
      Optional<Handoff> handoff, ConversationMemory memory, boolean lowConfidence) {
    public Decision {
      Objects.requireNonNull(handoff, "handoff");
      Objects.requireNonNull(memory, "memory");
    }
  }

  /**
   * One rule that fired.
   *
   * @param reason structured reason for HandoffRequested and MessageClassified
   * @param priority how urgently an agent should pick it up
   * @param detail what fired, from masked text only
   */
  public record Handoff(HandoffReason reason, HandoffPriority priority, String detail) {
    public Handoff {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(priority, "priority");
      Objects.requireNonNull(detail, "detail");
    }

    static Handoff of(HandoffSignal signal) {
      return new Handoff(signal.reason(), signal.priority(), signal.detail());
    }
  }
}
