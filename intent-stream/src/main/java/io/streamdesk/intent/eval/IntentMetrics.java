package io.streamdesk.intent.eval;

import io.streamdesk.intent.classifier.Intents;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores predicted intents against true labels (the definitions of {@link EvaluationReport}).
 *
 * @param accuracyInScope share of in-scope examples predicted with their label
 * @param macroF1 mean per-label F1 over the true labels present
 * @param oosRecall null when no true label is out of scope
 * @param oosPrecision null when no true label is out of scope; 0 when nothing was predicted out of
 *     scope
 * @param inScopeFalseReject share of in-scope examples predicted out of scope
 */
public record IntentMetrics(
    double accuracyInScope,
    double macroF1,
    Double oosRecall,
    Double oosPrecision,
    double inScopeFalseReject) {

  public static IntentMetrics score(List<String> truth, List<String> predicted) {
    if (truth.size() != predicted.size() || truth.isEmpty()) {
      throw new IllegalArgumentException("need one prediction per example, at least one example");
    }
    int inScope = 0;
    int inScopeCorrect = 0;
    int inScopeRejected = 0;
    int oos = 0;
    int oosCaught = 0;
    int predictedOos = 0;
    Map<String, int[]> counts = new TreeMap<>(); // label -> {tp, fp, fn}
    for (int i = 0; i < truth.size(); i++) {
      String t = truth.get(i);
      String p = predicted.get(i);
      counts.computeIfAbsent(t, x -> new int[3]);
      boolean tOos = Intents.OUT_OF_SCOPE.equals(t);
      boolean pOos = Intents.OUT_OF_SCOPE.equals(p);
      predictedOos += pOos ? 1 : 0;
      if (tOos) {
        oos++;
        oosCaught += pOos ? 1 : 0;
      } else {
        inScope++;
        inScopeCorrect += t.equals(p) ? 1 : 0;
        inScopeRejected += pOos ? 1 : 0;
      }
      if (t.equals(p)) {
        counts.get(t)[0]++;
      } else {
        counts.get(t)[2]++;
        counts.computeIfAbsent(p, x -> new int[3])[1]++;
      }
    }
    double f1Sum = 0;
    int labels = 0;
    for (String label : new TreeMap<>(counts).keySet()) {
      if (!truth.contains(label)) {
        continue;
      }
      int[] c = counts.get(label);
      double denominator = 2.0 * c[0] + c[1] + c[2];
      f1Sum += denominator == 0 ? 0 : 2.0 * c[0] / denominator;
      labels++;
    }
    return new IntentMetrics(
        inScope == 0 ? Double.NaN : (double) inScopeCorrect / inScope,
        f1Sum / labels,
        oos == 0 ? null : (double) oosCaught / oos,
        oos == 0 ? null : predictedOos == 0 ? 0.0 : (double) oosCaught / predictedOos,
        inScope == 0 ? Double.NaN : (double) inScopeRejected / inScope);
  }
}
