package io.streamdesk.intent.classifier;

import java.util.List;
import java.util.Objects;

/**
 * The classifier's answer for one message.
 *
 * @param intent the best in-scope intent, or {@link Intents#OUT_OF_SCOPE} when the message was
 *     rejected as out of scope
 * @param confidence calibrated probability of the best in-scope intent (the value compared with the
 *     model's threshold; low values mark uncertain turns even when not rejected)
 * @param candidates the best in-scope intents, most probable first (at most three)
 * @param outOfScope whether the message was rejected as out of scope
 * @param modelVersion version of the model that answered (for tracing and hot-reload checks)
 */
public record IntentPrediction(
    String intent,
    double confidence,
    List<IntentCandidate> candidates,
    boolean outOfScope,
    String modelVersion) {

  public IntentPrediction {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(modelVersion, "modelVersion");
    candidates = List.copyOf(candidates);
  }
}
