package io.streamdesk.intent.policy;

import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.PolicyAction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Structured handoff rules on the customer's own words, never on generated text:
 *
 * <ul>
 *   <li><b>USER_REQUEST</b> (NORMAL): an explicit request for a human ({@link HandoffRequestRules}:
 *       转人工, 人工客服, 找客服, 真人; "human", "real person", "agent please", "representative"), but not a
 *       question whether the bot is human ("is this a human?", 你是真人吗) and not a negated one
 *       (不用转人工);
 *   <li><b>COMPLAINT</b>: strong negative wording from the {@link ComplaintLexicon} reaching the
 *       configured weight, or any legal, regulator or media threat. Priority URGENT for legal and
 *       regulator threats (律师, 起诉, 12315, 消协, lawyer, BBB), HIGH for media threats (曝光你们, social
 *       media) or a weight of {@code highPriorityScore}, NORMAL otherwise. A plain "我要投诉" stays
 *       with the intent classifier;
 *   <li><b>POLICY</b>: a sensitive-word category whose policy is HANDOFF, at that policy's
 *       priority.
 * </ul>
 *
 * <p>Traditional characters are folded to simplified ones first (轉人工, 騙子 fire too). Run it on the
 * normalised, PII-masked text <em>before</em> sensitive words are starred (starring would hide 骗子).
 * Thread-safe.
 */
public final class HandoffSignals {

  private final HandoffConfig config;
  private final ComplaintLexicon lexicon;

  public HandoffSignals(HandoffConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.lexicon =
        config.extraLexicons().isEmpty()
            ? ComplaintLexicon.defaults()
            : ComplaintLexicon.defaultsAnd(config.extraLexicons());
  }

  public HandoffSignals(HandoffConfig config, ComplaintLexicon lexicon) {
    this.config = Objects.requireNonNull(config, "config");
    this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
  }

  public static HandoffSignals withDefaults() {
    return new HandoffSignals(HandoffConfig.defaults());
  }

  /**
   * Every handoff rule that fires for {@code text}.
   *
   * @param text normalised, PII-masked text, sensitive words not yet starred
   * @param policy the sensitive-word scan of the same message ({@code null}: no policy rules)
   */
  public HandoffAssessment assess(String text, PolicyScan policy) {
    Objects.requireNonNull(text, "text");
    String simplified = ChineseFolding.toSimplified(text);
    List<HandoffSignal> signals = new ArrayList<>(1);
    requestIn(simplified).ifPresent(signals::add);
    List<ComplaintLexicon.Match> complaintWords = lexicon.find(simplified);
    complaintIn(simplified, complaintWords).ifPresent(signals::add);
    if (policy != null) {
      policyHandoff(policy).ifPresent(signals::add);
    }
    return signals.isEmpty() && complaintWords.isEmpty()
        ? HandoffAssessment.NONE
        : new HandoffAssessment(signals, !complaintWords.isEmpty());
  }

  /** USER_REQUEST when the customer explicitly asks for a human. */
  public Optional<HandoffSignal> userRequest(String text) {
    return requestIn(ChineseFolding.toSimplified(text));
  }

  /** COMPLAINT when the complaint wording is strong enough or threatens escalation. */
  public Optional<HandoffSignal> complaint(String text) {
    String simplified = ChineseFolding.toSimplified(text);
    return complaintIn(simplified, lexicon.find(simplified));
  }

  private Optional<HandoffSignal> requestIn(String text) {
    return HandoffRequestRules.find(text)
        .map(
            phrase ->
                new HandoffSignal(
                    HandoffReason.USER_REQUEST,
                    HandoffPriority.NORMAL,
                    "customer asked for a human: \"" + phrase + "\""));
  }

  private Optional<HandoffSignal> complaintIn(String text, List<ComplaintLexicon.Match> matches) {
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    int score = 0;
    boolean legal = false;
    boolean media = false;
    Set<String> evidence = new LinkedHashSet<>();
    for (ComplaintLexicon.Match m : matches) {
      score += m.entry().weight();
      legal |=
          m.entry().kind() == ComplaintLexicon.Kind.LEGAL
              || m.entry().kind() == ComplaintLexicon.Kind.REGULATOR;
      media |= m.entry().kind() == ComplaintLexicon.Kind.MEDIA;
      evidence.add(text.substring(m.start(), m.end()));
    }
    if (score < config.complaintThreshold() && !legal && !media) {
      return Optional.empty();
    }
    HandoffPriority priority =
        legal
            ? HandoffPriority.URGENT
            : (media || score >= config.highPriorityScore())
                ? HandoffPriority.HIGH
                : HandoffPriority.NORMAL;
    String kind =
        legal ? "legal/regulator threat" : media ? "media threat" : "strong negative wording";
    return Optional.of(
        new HandoffSignal(
            HandoffReason.COMPLAINT,
            priority,
            "complaint, " + kind + " (score " + score + "): " + String.join(", ", evidence)));
  }

  private static Optional<HandoffSignal> policyHandoff(PolicyScan policy) {
    List<CategoryHit> handoffs =
        policy.hits().stream().filter(h -> h.action() == PolicyAction.HANDOFF).toList();
    if (handoffs.isEmpty()) {
      return Optional.empty();
    }
    HandoffPriority priority = policy.handoffPriority().orElse(HandoffPriority.NORMAL);
    String categories =
        handoffs.stream()
            .map(h -> h.category() + " (" + h.count() + ")")
            .collect(Collectors.joining(", "));
    return Optional.of(
        new HandoffSignal(
            HandoffReason.POLICY, priority, "sensitive-word policy HANDOFF: " + categories));
  }
}
