package io.streamdesk.intent.classifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A trained intent classifier for one language: standardise the message embedding, score it with a
 * softmax regression, calibrate with the temperature, then decide.
 *
 * <p>Decision rule: the message is out of scope when the out-of-scope class (if the model has one)
 * is more probable than every in-scope intent, or when the best in-scope probability is below the
 * threshold. Otherwise the best in-scope intent wins. Immutable and thread-safe.
 */
public final class IntentModel {

  private static final int CANDIDATES = 3;

  private final IntentModelMetadata metadata;
  private final FeatureScaler scaler;
  private final SoftmaxRegression regression;
  private final int outOfScopeIndex;

  public IntentModel(
      IntentModelMetadata metadata, FeatureScaler scaler, SoftmaxRegression regression) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.scaler = Objects.requireNonNull(scaler, "scaler");
    this.regression = Objects.requireNonNull(regression, "regression");
    if (regression.classes() != metadata.labels().size()) {
      throw new IllegalArgumentException(
          "regression has "
              + regression.classes()
              + " classes but the metadata lists "
              + metadata.labels().size()
              + " labels");
    }
    if (scaler.dimension() != metadata.dimension()
        || regression.dimension() != metadata.dimension()) {
      throw new IllegalArgumentException(
          "weights do not match the encoder dimension " + metadata.dimension());
    }
    this.outOfScopeIndex = metadata.labels().indexOf(Intents.OUT_OF_SCOPE);
  }

  public IntentModelMetadata metadata() {
    return metadata;
  }

  public FeatureScaler scaler() {
    return scaler;
  }

  public SoftmaxRegression regression() {
    return regression;
  }

  public String version() {
    return metadata.version();
  }

  /** The same model deciding with another threshold (for evaluation at a fixed threshold). */
  public IntentModel withThreshold(double threshold, String mode) {
    IntentModelMetadata m = metadata;
    return new IntentModel(
        new IntentModelMetadata(
            m.formatVersion(),
            m.version(),
            m.language(),
            m.encoderModelId(),
            m.dimension(),
            m.labels(),
            m.temperature(),
            threshold,
            mode,
            m.l2(),
            m.trainingData(),
            m.trainingDataSha256(),
            m.trainingExamples(),
            m.metrics()),
        scaler,
        regression);
  }

  /** Calibrated probabilities of every label (in {@link IntentModelMetadata#labels()} order). */
  public double[] probabilities(float[] vector) {
    if (vector.length != metadata.dimension()) {
      throw new IllegalArgumentException(
          "vector has dimension "
              + vector.length
              + " but model "
              + metadata.version()
              + " expects "
              + metadata.dimension()
              + " ("
              + metadata.encoderModelId()
              + ")");
    }
    return SoftmaxRegression.softmax(
        regression.logits(scaler.apply(vector)), metadata.temperature());
  }

  /** Classifies one message embedding (made by {@link IntentModelMetadata#encoderModelId()}). */
  public IntentPrediction classify(float[] vector) {
    return decide(probabilities(vector));
  }

  IntentPrediction decide(double[] p) {
    List<String> labels = metadata.labels();
    Integer[] order = new Integer[p.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> p[i]).reversed());
    List<IntentCandidate> candidates = new ArrayList<>(CANDIDATES);
    for (int i : order) {
      if (i != outOfScopeIndex && candidates.size() < CANDIDATES) {
        candidates.add(new IntentCandidate(labels.get(i), p[i]));
      }
    }
    IntentCandidate best = candidates.get(0);
    double outOfScope = outOfScopeIndex >= 0 ? p[outOfScopeIndex] : 0;
    boolean rejected = outOfScope > best.probability() || best.probability() < metadata.threshold();
    return new IntentPrediction(
        rejected ? Intents.OUT_OF_SCOPE : best.intent(),
        best.probability(),
        candidates,
        rejected,
        metadata.version());
  }
}
