package io.streamdesk.intent.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small labelled "embeddings" for tests: unit vectors scattered around one random centre per label,
 * out-of-scope examples scattered around several centres of their own.
 */
final class SyntheticIntents {

  static final int DIMENSION = 16;
  static final List<String> INTENTS = List.of("greeting", "order_status", "complaint", "feedback");

  final List<LabelledUtterance> examples = new ArrayList<>();
  final List<float[]> vectors = new ArrayList<>();

  /**
   * @param perIntent examples per in-scope intent
   * @param outOfScope out-of-scope examples (0 for none)
   * @param noise spread around the centres (0.3 overlaps a little, 0.1 is separable)
   */
  static SyntheticIntents generate(int perIntent, int outOfScope, double noise, long seed) {
    Random random = new Random(seed);
    Random centres = new Random(7);
    SyntheticIntents data = new SyntheticIntents();
    List<float[]> intentCentres = new ArrayList<>();
    for (int c = 0; c < INTENTS.size(); c++) {
      intentCentres.add(randomUnit(centres));
    }
    List<float[]> oosCentres =
        List.of(randomUnit(centres), randomUnit(centres), randomUnit(centres));
    for (int i = 0; i < perIntent; i++) {
      for (int c = 0; c < INTENTS.size(); c++) {
        data.add(
            INTENTS.get(c) + " " + i, INTENTS.get(c), around(intentCentres.get(c), noise, random));
      }
    }
    for (int i = 0; i < outOfScope; i++) {
      data.add("oos " + i, Intents.OUT_OF_SCOPE, around(oosCentres.get(i % 3), noise, random));
    }
    return data;
  }

  IntentDataset dataset() {
    return new IntentDataset("synthetic.jsonl", "0".repeat(64), examples);
  }

  private void add(String text, String label, float[] vector) {
    examples.add(new LabelledUtterance(text, label));
    vectors.add(vector);
  }

  static float[] randomUnit(Random random) {
    float[] v = new float[DIMENSION];
    for (int j = 0; j < DIMENSION; j++) {
      v[j] = (float) random.nextGaussian();
    }
    return normalise(v);
  }

  static float[] around(float[] centre, double noise, Random random) {
    float[] v = new float[DIMENSION];
    for (int j = 0; j < DIMENSION; j++) {
      v[j] = (float) (centre[j] + noise * random.nextGaussian());
    }
    return normalise(v);
  }

  private static float[] normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float inv = (float) (1 / Math.sqrt(sum));
    for (int j = 0; j < v.length; j++) {
      v[j] *= inv;
    }
    return v;
  }
}
