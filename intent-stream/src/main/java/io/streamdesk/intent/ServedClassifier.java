package io.streamdesk.intent;

import io.streamdesk.intent.classifier.DefaultIntentModels;
import io.streamdesk.intent.classifier.IntentCandidate;
import io.streamdesk.intent.classifier.IntentModelStore;
import io.streamdesk.intent.classifier.IntentModelStoreConfig;
import io.streamdesk.intent.classifier.IntentPrediction;
import io.streamdesk.intent.classifier.IntentTrainingConfig;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.runtime.ops.Health;
import io.streamdesk.runtime.ops.HealthCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The intent classifier the stream serves with: the classifier module's {@link IntentModelStore}
 * over {@code intent.models.dir} (one model per routed language, newest version served, new
 * versions hot-reloaded while running) seen through the topology's {@link IntentScorer} port.
 *
 * <p>A language without a usable model in the directory gets one at start-up, trained from the
 * default intents bundled in the jar ({@link DefaultIntentModels}) and saved there, so later starts
 * only load it.
 */
public final class ServedClassifier implements AutoCloseable {

  private final IntentModelStore store;
  private final List<String> languages;
  private final String origin;

  private ServedClassifier(IntentModelStore store, List<String> languages, String origin) {
    this.store = store;
    this.languages = List.copyOf(languages);
    this.origin = origin;
  }

  /**
   * Opens the classifier for every language of {@code routing}, training missing ones first.
   *
   * @param router the encoders, used to embed the bundled training data of a missing language
   * @throws IllegalStateException when a routed language still has no usable model
   */
  public static ServedClassifier open(
      ClassifierSettings settings, RoutingConfig routing, LanguageRouter router) {
    Objects.requireNonNull(settings, "settings");
    IntentModelStoreConfig config =
        new IntentModelStoreConfig(
            settings.modelsDir(), routing.modelByLanguage(), settings.pollInterval());
    long start = System.nanoTime();
    List<Path> trained =
        DefaultIntentModels.trainMissing(
            config,
            router::encoderFor,
            IntentTrainingConfig.defaults(),
            DefaultIntentModels.RESOURCE_PATTERN);
    String origin =
        String.format(
            Locale.ROOT,
            "%s (%d trained from the bundled intents at start-up, %.1f s)",
            settings.modelsDir(),
            trained.size(),
            (System.nanoTime() - start) / 1e9);
    return serving(config, origin);
  }

  /** Serves the models under {@code config}'s root as they are (tests train their own). */
  static ServedClassifier serving(IntentModelStoreConfig config, String origin) {
    ServedClassifier classifier =
        new ServedClassifier(
            IntentModelStore.open(config),
            List.copyOf(config.encoderByLanguage().keySet()),
            origin);
    Map<String, String> versions = classifier.versions();
    if (versions.containsValue("none")) {
      classifier.close();
      throw new IllegalStateException(
          "no usable intent model for every language in "
              + config.root()
              + " ("
              + versions
              + "): train one per language with ./cs intent-train --lang L --out "
              + config.root());
    }
    return classifier;
  }

  /** The topology's view: the best in-scope intent, its candidates and the decision. */
  public IntentScorer scorer() {
    return (language, embedding) -> adapt(store.classify(language, embedding));
  }

  /** Model version per language, as served now. */
  public Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    for (String language : languages) {
      versions.put(language, store.modelVersion(language).orElse("none"));
    }
    return versions;
  }

  /** Where the models come from and which versions serve, for logs and the bench. */
  public String description() {
    return origin + " " + versions();
  }

  /** UP while every routed language has a model. */
  public HealthCheck healthCheck() {
    return () -> {
      Map<String, String> versions = versions();
      return versions.containsValue("none")
          ? Health.down("no intent model for some language: " + versions)
          : Health.up(versions.toString());
    };
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "ServedClassifier[" + description() + "]";
  }

  static Classification adapt(IntentPrediction p) {
    List<Classification.Candidate> candidates = new ArrayList<>(p.candidates().size());
    for (IntentCandidate c : p.candidates()) {
      candidates.add(new Classification.Candidate(c.intent(), c.probability()));
    }
    // When rejected the prediction's intent is "oos"; the best in-scope one is the first candidate.
    String best = candidates.isEmpty() ? p.intent() : candidates.get(0).intent();
    return new Classification(best, p.confidence(), candidates, p.outOfScope(), p.modelVersion());
  }
}
