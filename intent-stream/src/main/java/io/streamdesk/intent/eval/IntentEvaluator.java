package io.streamdesk.intent.eval;

import io.streamdesk.intent.classifier.IntentDataset;
import io.streamdesk.intent.classifier.IntentModel;
import io.streamdesk.intent.classifier.LabelledUtterance;
import io.streamdesk.knowledge.encoder.Encoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a trained model on a labelled test set the way the topology will run it: each message is
 * embedded on its own and classified, and the time of that loop gives {@code examples_per_second}.
 */
public final class IntentEvaluator {

  private IntentEvaluator() {}

  public static EvaluationReport evaluate(
      IntentModel model, Encoder encoder, int trainExamples, IntentDataset test) {
    if (!encoder.modelId().equals(model.metadata().encoderModelId())) {
      throw new IllegalArgumentException(
          "model was trained on "
              + model.metadata().encoderModelId()
              + ", encoder is "
              + encoder.modelId());
    }
    // Warm-up (JIT, ONNX Runtime's first-run allocations) stays out of the timing.
    model.classify(encoder.embed(test.examples().get(0).text()));
    List<String> truth = new ArrayList<>(test.size());
    List<String> predicted = new ArrayList<>(test.size());
    long start = System.nanoTime();
    for (LabelledUtterance example : test.examples()) {
      predicted.add(model.classify(encoder.embed(example.text())).intent());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    test.examples().forEach(e -> truth.add(e.label()));
    IntentMetrics m = IntentMetrics.score(truth, predicted);
    return new EvaluationReport(
        encoder.modelId(),
        trainExamples,
        test.size(),
        round(model.metadata().threshold()),
        round(m.accuracyInScope()),
        round(m.macroF1()),
        m.oosRecall() == null ? null : round(m.oosRecall()),
        m.oosPrecision() == null ? null : round(m.oosPrecision()),
        round(m.inScopeFalseReject()),
        Math.round(test.size() / seconds * 10) / 10.0);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
