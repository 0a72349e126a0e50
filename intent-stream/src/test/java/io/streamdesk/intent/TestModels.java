package io.streamdesk.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real encoders and a classifier trained on a slice of the bundled default intents, loaded once
 * per test class (loading is slow on 2 cores).
 */
final class TestModels {

  private TestModels() {}

  /** The default routing's encoders (int8 BGE zh and en), loaded and probed. */
  static LanguageRouter router() {
    LanguageRouter router =
        LanguageRouter.withOnnxModels(
            RoutingConfig.defaults(),
            EncoderConfig.defaults()
                .withProvider(io.streamdesk.knowledge.encoder.ExecutionProvider.CPU));
    EncoderWarmup.warm(router, RoutingConfig.defaults());
    return router;
  }

  /**
   * A nearest-centroid classifier over {@code perLabel} bundled training examples per label and
   * language: cosine to each label's mean embedding, softmax at temperature 0.05; out of scope when
   * the oos centroid wins or the best probability is below 0.5.
   */
  static IntentScorer centroidScorer(LanguageRouter router, int perLabel) {
    Map<String, Map<String, float[]>> centroids = new HashMap<>();
    for (String language : router.languages()) {
      Map<String, List<String>> byLabel = read("intents/" + language + "/train.jsonl", perLabel);
      Map<String, float[]> perLanguage = new LinkedHashMap<>();
      byLabel.forEach(
          (label, texts) ->
              perLanguage.put(label, mean(router.encoderFor(language).embedAll(texts))));
      centroids.put(language, perLanguage);
    }
    return (language, embedding) -> {
      Map<String, float[]> labels = centroids.get(language);
      List<String> names = new ArrayList<>(labels.keySet());
      double[] logits = new double[names.size()];
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < names.size(); i++) {
        logits[i] = dot(labels.get(names.get(i)), embedding) / 0.05;
        max = Math.max(max, logits[i]);
      }
      double sum = 0;
      double[] p = new double[logits.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = Math.exp(logits[i] - max);
        sum += p[i];
      }
      List<Classification.Candidate> ranked = new ArrayList<>();
      double oos = 0;
      for (int i = 0; i < p.length; i++) {
        if (names.get(i).equals("oos")) {
          oos = p[i] / sum;
        } else {
          ranked.add(new Classification.Candidate(names.get(i), p[i] / sum));
        }
      }
      ranked.sort(Comparator.comparingDouble(Classification.Candidate::confidence).reversed());
      Classification.Candidate best = ranked.get(0);
      boolean outOfScope = oos > best.confidence() || best.confidence() < 0.5;
      return new Classification(
          best.intent(), best.confidence(), ranked, outOfScope, "centroid-test");
    };
  }

  private static Map<String, List<String>> read(String resource, int perLabel) {
    ObjectMapper json = new ObjectMapper();
    Map<String, List<String>> byLabel = new LinkedHashMap<>();
    try (InputStream in = TestModels.class.getClassLoader().getResourceAsStream(resource);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = json.readTree(line);
        List<String> texts =
            byLabel.computeIfAbsent(node.get("label").asText(), k -> new ArrayList<>());
        if (texts.size() < perLabel) {
          texts.add(node.get("text").asText());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byLabel;
  }

  private static float[] mean(List<float[]> vectors) {
    float[] sum = new float[vectors.get(0).length];
    for (float[] v : vectors) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[i];
      }
    }
    double norm = 0;
    for (float x : sum) {
      norm += x * x;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < sum.length; i++) {
      sum[i] *= scale;
    }
    return sum;
  }

  private static double dot(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
    }
    return d;
  }
}
