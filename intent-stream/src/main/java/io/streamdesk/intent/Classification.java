package io.streamdesk.intent;

import java.util.List;
import java.util.Objects;

/**
 * One prediction of the intent classifier.
 *
 * @param intent best in-scope intent label (e.g. {@code order_status}); the topology publishes
 *     {@link #OTHER} instead when {@code outOfScope}
 * @param confidence calibrated probability of {@code intent}, in [0, 1]
 * @param candidates best in-scope candidates, best first, at most three
 * @param outOfScope true when the classifier placed the message outside every known intent
 * @param modelVersion version of the classifier artefact that made the prediction
 */
public record Classification(
    String intent,
    double confidence,
    List<Candidate> candidates,
    boolean outOfScope,
    String modelVersion) {

  /** The intent published for out-of-scope messages (the seed design's 其他意图). */
  public static final String OTHER = "other";

  /** At most this many candidates travel on MessageClassified. */
  public static final int MAX_CANDIDATES = 3;

  public Classification {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(modelVersion, "modelVersion");
    confidence = probability(confidence, "confidence");
    candidates = List.copyOf(candidates.subList(0, Math.min(candidates.size(), MAX_CANDIDATES)));
  }

  /** The intent to publish: the best intent, or {@link #OTHER} when out of scope. */
  public String publishedIntent() {
    return outOfScope ? OTHER : intent;
  }

  /**
   * One candidate intent.
   *
   * @param intent label
   * @param confidence calibrated probability, in [0, 1]
   */
  public record Candidate(String intent, double confidence) {
    public Candidate {
      Objects.requireNonNull(intent, "intent");
      confidence = probability(confidence, "candidate confidence");
    }
  }

  /** Tolerates float rounding just outside [0, 1]; rejects NaN and real out-of-range values. */
  private static double probability(double p, String what) {
    if (!(p >= -1e-6 && p <= 1 + 1e-6)) {
      throw new IllegalArgumentException(what + " must be in [0, 1], was " + p);
    }
    return Math.min(1, Math.max(0, p));
  }
}
