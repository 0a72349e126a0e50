package io.streamdesk.intent;

import io.streamdesk.intent.classifier.IntentCandidate;
import io.streamdesk.intent.classifier.IntentDataReader;
import io.streamdesk.intent.classifier.IntentDataset;
import io.streamdesk.intent.classifier.IntentModel;
import io.streamdesk.intent.classifier.IntentModelArtefacts;
import io.streamdesk.intent.classifier.IntentModelStore;
import io.streamdesk.intent.classifier.IntentModelStoreConfig;
import io.streamdesk.intent.classifier.IntentModelTrainer;
import io.streamdesk.intent.classifier.IntentPrediction;
import io.streamdesk.intent.classifier.IntentTrainingConfig;
import io.streamdesk.knowledge.encoder.Encoder;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.runtime.ops.Health;
import io.streamdesk.runtime.ops.HealthCheck;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intent classifier the stream serves with: the classifier module's {@link IntentModelStore}
 * (one model per routed language, hot-reloaded when a new version appears) seen through the
 * topology's {@link IntentScorer} port.
 *
 * <p>With {@code intent.models.dir} set, the store serves that directory and polls it. Without it,
 * one model per language is trained at start-up from the default intents bundled in the jar ({@code
 * intents/<language>/train.jsonl}) and served from a temporary store. Training embeds each
 * utterance one at a time, exactly as messages are embedded when served: with the int8 encoders a
 * batched run gives slightly different vectors (cosine about 0.985 measured), which would be a
 * train/serve skew.
 */
public final class ServedClassifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServedClassifier.class);

  private final IntentModelStore store;
  private final List<String> languages;
  private final String origin;
  private final Path temporaryRoot;

  private ServedClassifier(
      IntentModelStore store, List<String> languages, String origin, Path temporaryRoot) {
    this.store = store;
    this.languages = List.copyOf(languages);
    this.origin = origin;
    this.temporaryRoot = temporaryRoot;
  }

  /**
   * Opens the classifier for every language of {@code routing}.
   *
   * @param router warmed-up encoders, used to embed the bundled training data when training
   * @throws IllegalStateException when a routed language has no usable model
   */
  public static ServedClassifier open(
      ClassifierSettings settings, RoutingConfig routing, LanguageRouter router) {
    Objects.requireNonNull(settings, "settings");
    List<String> languages = List.copyOf(routing.modelByLanguage().keySet());
    if (settings.modelsDirectory().isPresent()) {
      Path root = settings.modelsDirectory().get();
      IntentModelStore store =
          IntentModelStore.open(
              new IntentModelStoreConfig(root, routing.modelByLanguage(), settings.pollInterval()));
      return checked(new ServedClassifier(store, languages, "artefacts in " + root, null));
    }
    Map<String, IntentDataset> bundled = new LinkedHashMap<>();
    for (String language : languages) {
      bundled.put(language, IntentDataReader.readResource(bundledResource(language)));
    }
    return trainedOn(bundled, routing, router, settings.cacheDir(), false);
  }

  /** The bundled default training data of a language. */
  static String bundledResource(String language) {
    return "intents/" + language + "/train.jsonl";
  }

  /**
   * Serves one model per language of {@code routing} trained on {@code data}, from the store at
   * {@code root}: a model already there that was trained on the same data (same SHA-256) with the
   * language's encoder is reused, any other language is trained now and saved there. Training is
   * deterministic, so a reused model is the one training would produce again.
   *
   * @param temporary delete {@code root} on {@link #close()}
   */
  static ServedClassifier trainedOn(
      Map<String, IntentDataset> data,
      RoutingConfig routing,
      LanguageRouter router,
      Path root,
      boolean temporary) {
    long start = System.nanoTime();
    IntentModelStoreConfig storeConfig =
        new IntentModelStoreConfig(
            root, routing.modelByLanguage(), IntentModelStoreConfig.DEFAULT_POLL_INTERVAL);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the intent model cache " + root, e);
    }
    IntentModelStore store = IntentModelStore.openWithoutPolling(storeConfig);
    try {
      List<String> trained = new ArrayList<>();
      for (String language : routing.modelByLanguage().keySet()) {
        IntentDataset dataset = data.get(language);
        if (dataset == null) {
          throw new IllegalStateException("no intent training data for language " + language);
        }
        boolean cached =
            store
                .model(language)
                .filter(m -> m.metadata().trainingDataSha256().equals(dataset.sha256()))
                .isPresent();
        if (!cached) {
          train(language, dataset, router.encoderFor(language), root);
          trained.add(language);
        }
      }
      store.refresh();
      String origin =
          String.format(
              Locale.ROOT,
              "%s in %.1f s (trained %s, reused %s) from %s",
              temporary ? "trained" : "bundled intents, cached in " + root,
              (System.nanoTime() - start) / 1e9,
              trained,
              routing.modelByLanguage().keySet().stream()
                  .filter(l -> !trained.contains(l))
                  .toList(),
              data.values().stream().map(IntentDataset::source).toList());
      return checked(
          new ServedClassifier(
              store,
              List.copyOf(routing.modelByLanguage().keySet()),
              origin,
              temporary ? root : null));
    } catch (RuntimeException e) {
      store.close();
      if (temporary) {
        deleteQuietly(root);
      }
      throw e;
    }
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

  /** Where the models came from and which versions serve, for logs and the bench. */
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
    if (temporaryRoot != null) {
      deleteQuietly(temporaryRoot);
    }
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

  private static void train(String language, IntentDataset data, Encoder encoder, Path root) {
    long start = System.nanoTime();
    List<float[]> vectors = new ArrayList<>(data.size());
    for (String text : data.texts()) {
      vectors.add(encoder.embed(text));
    }
    long embedded = System.nanoTime();
    IntentModel model =
        new IntentModelTrainer(IntentTrainingConfig.defaults())
            .train(data, vectors, language, encoder.modelId());
    try {
      IntentModelArtefacts.save(model, root);
    } catch (FileAlreadyExistsException e) {
      // Another instance sharing the cache saved this very version (same data, same weights).
      log.info("intent model {} for {} is already in {}", model.version(), language, root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the " + language + " intent model", e);
    }
    log.info(
        "intent model {} for {} trained on {} utterances: embedding {} ms, training {} ms",
        model.version(),
        language,
        data.size(),
        (embedded - start) / 1_000_000,
        (System.nanoTime() - embedded) / 1_000_000);
  }

  private static ServedClassifier checked(ServedClassifier classifier) {
    Map<String, String> versions = classifier.versions();
    if (versions.containsValue("none")) {
      classifier.close();
      throw new IllegalStateException(
          "no usable intent model for every language ("
              + versions
              + ") in "
              + classifier.origin
              + ": train one per language with ./cs intent-train, or unset intent.models.dir to"
              + " train from the bundled intents");
    }
    return classifier;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      log.debug("could not delete {}: {}", dir, e.toString());
    }
  }
}
