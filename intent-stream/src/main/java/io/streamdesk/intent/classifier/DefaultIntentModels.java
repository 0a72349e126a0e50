package io.streamdesk.intent.classifier;

import io.streamdesk.knowledge.encoder.Encoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start without trained models: trains each configured language's model from the bundled
 * default intents ({@code intents/<language>/train.jsonl} on the classpath) with that language's
 * encoder and saves it into the store root, where {@link IntentModelStore} finds it.
 *
 * <p>Why train rather than ship weights: a model is only valid for the exact encoder that embeds
 * the messages, so training on the running encoder can never mismatch; it is reproducible from the
 * bundled data (deterministic training); it keeps binary artefacts out of the repository; and it is
 * fast: 626 utterances per language take seconds to embed and well under a second to train on two
 * cores (see the module report). Later starts load the saved version.
 */
public final class DefaultIntentModels {

  private static final Logger log = LoggerFactory.getLogger(DefaultIntentModels.class);
  public static final String RESOURCE_PATTERN = "intents/%s/train.jsonl";

  private DefaultIntentModels() {}

  /**
   * Trains and saves a model for every language of {@code config} that has no loadable model yet.
   *
   * @param encoders the encoder of a language (for example {@code LanguageRouter::encoderFor})
   * @param resourcePattern classpath resource of a language's training data, {@code %s} = language
   * @return the version directories written
   */
  public static List<Path> trainMissing(
      IntentModelStoreConfig config,
      Function<String, Encoder> encoders,
      IntentTrainingConfig training,
      String resourcePattern) {
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> entry : config.encoderByLanguage().entrySet()) {
      String language = entry.getKey();
      if (hasLoadableModel(config.root().resolve(language), entry.getValue())) {
        continue;
      }
      String resource = String.format(resourcePattern, language);
      if (IntentDataReader.class.getClassLoader().getResource(resource) == null) {
        log.warn(
            "No intent model for '{}' and no bundled data {} to train one", language, resource);
        continue;
      }
      Encoder encoder = encoders.apply(language);
      if (!encoder.modelId().equals(entry.getValue())) {
        throw new IntentModelException(
            "language '"
                + language
                + "' is configured for encoder "
                + entry.getValue()
                + " but the encoder given is "
                + encoder.modelId());
      }
      long start = System.nanoTime();
      IntentDataset data = IntentDataReader.readResource(resource);
      List<float[]> vectors = encoder.embedAll(data.texts());
      IntentModel model =
          new IntentModelTrainer(training).train(data, vectors, language, encoder.modelId());
      try {
        written.add(IntentModelArtefacts.save(model, config.root()));
      } catch (IOException e) {
        throw new UncheckedIOException("saving the default intent model for " + language, e);
      }
      log.info(
          "Trained default intent model {} for '{}' from {} in {} ms",
          model.version(),
          language,
          resource,
          (System.nanoTime() - start) / 1_000_000);
    }
    return written;
  }

  private static boolean hasLoadableModel(Path languageDir, String encoderModelId) {
    if (!Files.isDirectory(languageDir)) {
      return false;
    }
    try (Stream<Path> versions = Files.list(languageDir)) {
      return versions
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> Files.isRegularFile(p.resolve(IntentModelArtefacts.METADATA)))
          .anyMatch(p -> loads(p, encoderModelId));
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + languageDir, e);
    }
  }

  private static boolean loads(Path versionDir, String encoderModelId) {
    try {
      IntentModelArtefacts.load(versionDir, encoderModelId);
      return true;
    } catch (IntentModelException e) {
      return false;
    }
  }
}
