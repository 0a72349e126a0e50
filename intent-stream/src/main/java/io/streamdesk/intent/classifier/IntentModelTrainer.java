package io.streamdesk.intent.classifier;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link IntentModel} from labelled utterances and their embeddings.
 *
 * <ol>
 *   <li>Labels are the distinct training labels; {@code oos} examples, when present, form a class
 *       of their own (the decision rule rejects a message when that class wins).
 *   <li>Features are standardised ({@link FeatureScaler}).
 *   <li>Stratified, seeded k-fold cross-validation over the L2 grid (strongest first, each fit
 *       warm-started from the previous): the L2 with the best out-of-fold accuracy wins (ties to
 *       the stronger penalty).
 *   <li>The temperature is fitted on the out-of-fold logits of that L2 ({@link
 *       TemperatureScaling}), and the threshold is picked on the same held-back predictions ({@link
 *       ThresholdSelector}) unless a fixed one is configured.
 *   <li>The final model is refitted on all examples with the chosen L2.
 * </ol>
 *
 * Deterministic: the same data, vectors and config give the same weights (the version embeds a hash
 * of them).
 */
public final class IntentModelTrainer {

  private static final Logger log = LoggerFactory.getLogger(IntentModelTrainer.class);
  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final IntentTrainingConfig config;
  private final Clock clock;

  public IntentModelTrainer(IntentTrainingConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public IntentModelTrainer(IntentTrainingConfig config) {
    this(config, Clock.systemUTC());
  }

  /**
   * Trains a model.
   *
   * @param data the labelled utterances
   * @param vectors their embeddings, in the same order, all made by {@code encoderModelId}
   * @param language the language the model serves
   * @param encoderModelId the encoder that made {@code vectors}
   */
  public IntentModel train(
      IntentDataset data, List<float[]> vectors, String language, String encoderModelId) {
    if (vectors.size() != data.size()) {
      throw new IllegalArgumentException(
          data.size() + " examples but " + vectors.size() + " vectors");
    }
    List<String> labels = List.copyOf(new TreeSet<>(data.labelCounts().keySet()));
    long inScopeLabels = labels.stream().filter(l -> !Intents.OUT_OF_SCOPE.equals(l)).count();
    if (inScopeLabels < 2) {
      throw new IntentDataException(
          data.source() + ": need at least 2 in-scope intents to train, found " + labels);
    }
    long start = System.nanoTime();
    int n = data.size();
    int k = labels.size();
    float[][] raw = vectors.toArray(float[][]::new);
    int d = raw[0].length;
    for (float[] v : raw) {
      if (v.length != d) {
        throw new IllegalArgumentException("vectors have different dimensions");
      }
    }
    FeatureScaler scaler = FeatureScaler.fit(raw);
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double[] z = scaler.apply(raw[i]);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) z[j];
      }
      y[i] = labels.indexOf(data.examples().get(i).label());
    }
    int outOfScope = labels.indexOf(Intents.OUT_OF_SCOPE);

    List<Double> grid = config.l2Grid().stream().sorted((a, b) -> Double.compare(b, a)).toList();
    SoftmaxRegressionTrainer trainer = new SoftmaxRegressionTrainer(config.optimizer());
    int folds = Math.min(config.folds(), n);
    int[] fold = StratifiedFolds.assign(y, folds, config.seed());
    double[][][] oof = new double[grid.size()][n][];
    SoftmaxRegression lastFold = null;
    for (int f = 0; f < folds; f++) {
      int[] trainIdx = indices(fold, f, false);
      int[] heldIdx = indices(fold, f, true);
      float[] xf = rows(x, trainIdx, d);
      int[] yf = Arrays.stream(trainIdx).map(i -> y[i]).toArray();
      SoftmaxRegression model = null;
      for (int g = 0; g < grid.size(); g++) {
        model = trainer.fit(xf, yf, null, d, k, grid.get(g), model);
        for (int i : heldIdx) {
          oof[g][i] = model.logits(row(x, i, d));
        }
      }
      lastFold = model;
      log.info("Cross-validation fold {}/{} done", f + 1, folds);
    }
    int bestGrid = 0;
    double bestAccuracy = -1;
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (int g = 0; g < grid.size(); g++) {
      double acc = accuracy(oof[g], y);
      log.info("l2 {}: out-of-fold accuracy {}", grid.get(g), String.format("%.4f", acc));
      if (acc > bestAccuracy) {
        bestAccuracy = acc;
        bestGrid = g;
      }
    }
    double l2 = grid.get(bestGrid);
    double temperature = TemperatureScaling.fit(oof[bestGrid], y);
    metrics.put("cv_accuracy", bestAccuracy);
    metrics.put("cv_nll_uncalibrated", TemperatureScaling.nll(oof[bestGrid], y, 1));
    metrics.put("cv_nll_calibrated", TemperatureScaling.nll(oof[bestGrid], y, temperature));

    ThresholdSelector.Held[] held = new ThresholdSelector.Held[n];
    for (int i = 0; i < n; i++) {
      double[] p = SoftmaxRegression.softmax(oof[bestGrid][i], temperature);
      int best = -1;
      for (int c = 0; c < k; c++) {
        if (c != outOfScope && (best < 0 || p[c] > p[best])) {
          best = c;
        }
      }
      boolean oosWins = outOfScope >= 0 && p[outOfScope] > p[best];
      held[i] = new ThresholdSelector.Held(p[best], oosWins, best == y[i], y[i] == outOfScope);
    }
    ThresholdSelector.Choice choice = ThresholdSelector.select(held, config.maxFalseRejectRate());
    double threshold = config.threshold() != null ? config.threshold() : choice.threshold();
    String mode = config.threshold() != null ? "fixed" : "auto";
    metrics.put("cv_accuracy_in_scope", choice.accuracyInScope());
    metrics.put("cv_in_scope_false_reject", choice.falseRejectRate());
    if (!Double.isNaN(choice.outOfScopeRecall())) {
      metrics.put("cv_oos_recall", choice.outOfScopeRecall());
    }

    SoftmaxRegression finalModel = trainer.fit(x, y, null, d, k, l2, lastFold);
    metrics.put("train_seconds", (System.nanoTime() - start) / 1e9);
    log.info(
        "Trained {} intent model on {} examples ({} labels): l2 {}, temperature {}, threshold {}"
            + " ({}), cv in-scope accuracy {}",
        language,
        n,
        k,
        l2,
        String.format("%.3f", temperature),
        String.format("%.3f", threshold),
        mode,
        String.format("%.4f", choice.accuracyInScope()));
    IntentModelMetadata metadata =
        new IntentModelMetadata(
            IntentModelMetadata.FORMAT_VERSION,
            version(finalModel, scaler),
            language,
            encoderModelId,
            d,
            labels,
            temperature,
            threshold,
            mode,
            l2,
            data.source(),
            data.sha256(),
            data.labelCounts(),
            metrics);
    return new IntentModel(metadata, scaler, finalModel);
  }

  private String version(SoftmaxRegression model, FeatureScaler scaler) {
    java.nio.ByteBuffer buf =
        java.nio.ByteBuffer.allocate(
            8 * (model.weights().length + model.classes() + 2 * scaler.dimension()));
    for (double v : model.weights()) {
      buf.putDouble(v);
    }
    for (double v : model.bias()) {
      buf.putDouble(v);
    }
    for (double v : scaler.mean()) {
      buf.putDouble(v);
    }
    for (double v : scaler.scale()) {
      buf.putDouble(v);
    }
    return VERSION_TIME.format(clock.instant())
        + "-"
        + IntentDataReader.sha256(buf.array()).substring(0, 8);
  }

  private static double accuracy(double[][] logits, int[] y) {
    int correct = 0;
    for (int i = 0; i < y.length; i++) {
      int best = 0;
      for (int c = 1; c < logits[i].length; c++) {
        if (logits[i][c] > logits[i][best]) {
          best = c;
        }
      }
      correct += best == y[i] ? 1 : 0;
    }
    return (double) correct / y.length;
  }

  private static int[] indices(int[] fold, int f, boolean inFold) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < fold.length; i++) {
      if ((fold[i] == f) == inFold) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[] row(float[] x, int i, int d) {
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      out[j] = x[i * d + j];
    }
    return out;
  }

  private static float[] rows(float[] x, int[] idx, int d) {
    float[] out = new float[idx.length * d];
    for (int r = 0; r < idx.length; r++) {
      System.arraycopy(x, idx[r] * d, out, r * d, d);
    }
    return out;
  }
}
