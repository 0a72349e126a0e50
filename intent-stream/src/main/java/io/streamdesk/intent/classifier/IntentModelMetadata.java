package io.streamdesk.intent.classifier;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a trained intent model is and how it was made; saved as {@code metadata.json} beside the
 * weights.
 *
 * @param formatVersion artefact layout version ({@link #FORMAT_VERSION})
 * @param version the model's version: UTC training time plus a hash of the weights, e.g. {@code
 *     20250101T120000Z-1a2b3c4d}; versions of one language sort by training time
 * @param language the language the model serves ({@code zh}, {@code en})
 * @param encoderModelId the encoder that must embed the messages it classifies
 * @param dimension the encoder's vector length
 * @param labels class labels in weight-row order (may include {@link Intents#OUT_OF_SCOPE})
 * @param temperature softmax temperature from calibration
 * @param threshold reject as out of scope when the best in-scope probability is below this
 * @param thresholdMode {@code auto} (picked on held-back data) or {@code fixed}
 * @param l2 the regularisation strength chosen by cross-validation
 * @param trainingData source name of the training data
 * @param trainingDataSha256 SHA-256 of the training data file
 * @param trainingExamples examples per label
 * @param metrics cross-validated figures on the training data (out-of-fold predictions)
 */
public record IntentModelMetadata(
    int formatVersion,
    String version,
    String language,
    String encoderModelId,
    int dimension,
    List<String> labels,
    double temperature,
    double threshold,
    String thresholdMode,
    double l2,
    String trainingData,
    String trainingDataSha256,
    Map<String, Integer> trainingExamples,
    Map<String, Double> metrics) {

  public static final int FORMAT_VERSION = 1;

  public IntentModelMetadata {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(encoderModelId, "encoderModelId");
    Objects.requireNonNull(thresholdMode, "thresholdMode");
    labels = List.copyOf(labels);
    trainingExamples = trainingExamples == null ? Map.of() : Map.copyOf(trainingExamples);
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported model format version "
              + formatVersion
              + " (expected "
              + FORMAT_VERSION
              + ")");
    }
    if (labels.size() < 2) {
      throw new IllegalArgumentException("a model needs at least 2 labels, has " + labels);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, was " + temperature);
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
    }
  }

  public boolean hasOutOfScopeClass() {
    return labels.contains(Intents.OUT_OF_SCOPE);
  }
}
