package io.streamdesk.intent.cli;

import io.streamdesk.intent.classifier.IntentDataset;
import io.streamdesk.intent.classifier.IntentModel;
import io.streamdesk.intent.classifier.IntentModelTrainer;
import io.streamdesk.intent.classifier.IntentTrainingConfig;
import io.streamdesk.intent.eval.EmbeddingCache;
import io.streamdesk.knowledge.encoder.Encoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options shared by the training and evaluation commands. */
final class TrainingOptions {

  @Option(
      names = "--threshold",
      paramLabel = "X|auto",
      defaultValue = "auto",
      description =
          "Out-of-scope threshold in [0,1], or auto: pick it on held-back (out-of-fold)"
              + " predictions of the training data. Default: ${DEFAULT-VALUE}.")
  String threshold;

  @Option(
      names = "--max-false-reject",
      paramLabel = "R",
      defaultValue = "0.04",
      description =
          "With --threshold auto: largest share of in-scope training examples the"
              + " threshold may reject on held-back predictions. Default: ${DEFAULT-VALUE}.")
  double maxFalseReject;

  @Option(
      names = "--folds",
      paramLabel = "K",
      defaultValue = "5",
      description = "Cross-validation folds. Default: ${DEFAULT-VALUE}.")
  int folds;

  @Option(
      names = "--l2",
      paramLabel = "L2",
      split = ",",
      description = "Candidate L2 strengths for cross-validation. Default: 0.01,0.003,0.001.")
  List<Double> l2;

  @Option(
      names = "--embedding-cache",
      paramLabel = "DIR",
      defaultValue = ".streamdesk/cache/intent-embeddings",
      description =
          "Where training-set embeddings are cached (never commit it); 'none' disables."
              + " Default: ${DEFAULT-VALUE}.")
  String embeddingCache;

  IntentTrainingConfig config() {
    IntentTrainingConfig config =
        IntentTrainingConfig.defaults().withFolds(folds).withMaxFalseRejectRate(maxFalseReject);
    if (l2 != null && !l2.isEmpty()) {
      config = config.withL2Grid(l2);
    }
    return config.withThreshold(fixedThreshold());
  }

  /** The fixed threshold, or null for auto. */
  Double fixedThreshold() {
    if ("auto".equals(threshold.toLowerCase(Locale.ROOT))) {
      return null;
    }
    try {
      return Double.parseDouble(threshold);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--threshold must be a number in [0,1] or 'auto', was '" + threshold + "'");
    }
  }

  /** Embeds the training data (through the cache) and trains a model for {@code language}. */
  IntentModel train(IntentDataset data, Encoder encoder, String language) {
    List<float[]> vectors = cache().embed(encoder, data.texts());
    return new IntentModelTrainer(config()).train(data, vectors, language, encoder.modelId());
  }

  EmbeddingCache cache() {
    return "none".equals(embeddingCache)
        ? EmbeddingCache.disabled()
        : new EmbeddingCache(Path.of(embeddingCache));
  }
}
