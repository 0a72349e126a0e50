package io.streamdesk.intent;

import io.streamdesk.intent.classifier.IntentDataReader;
import io.streamdesk.intent.classifier.IntentDataset;
import io.streamdesk.intent.classifier.IntentModel;
import io.streamdesk.intent.classifier.IntentModelArtefacts;
import io.streamdesk.intent.classifier.IntentModelStoreConfig;
import io.streamdesk.intent.classifier.IntentModelTrainer;
import io.streamdesk.intent.classifier.IntentTrainingConfig;
import io.streamdesk.intent.classifier.LabelledUtterance;
import io.streamdesk.knowledge.encoder.Encoder;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.encoder.ExecutionProvider;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real encoders and the real classifier, trained on a slice of the bundled default intents:
 * loaded once per test class, because loading and embedding are slow on 2 cores.
 */
final class TestModels {

  private TestModels() {}

  /** The default routing's encoders (int8 BGE zh and en), CPU, one thread per run, loaded. */
  static LanguageRouter router() {
    LanguageRouter router =
        LanguageRouter.withOnnxModels(
            RoutingConfig.defaults(),
            EncoderConfig.defaults().withProvider(ExecutionProvider.CPU).withIntraOpThreads(1));
    EncoderWarmup.warm(router, RoutingConfig.defaults());
    return router;
  }

  /**
   * The classifier as the service serves it, over models trained into {@code root} on the first
   * {@code perLabel} bundled utterances of each label and language.
   */
  static ServedClassifier classifier(LanguageRouter router, int perLabel, Path root) {
    for (String language : RoutingConfig.defaults().modelByLanguage().keySet()) {
      train(
          router.encoderFor(language),
          language,
          slice(language, perLabel),
          root,
          Clock.systemUTC());
    }
    return ServedClassifier.serving(storeConfig(root), "test models in " + root);
  }

  /** The store configuration of the default routing over {@code root}, polled every 100 ms. */
  static IntentModelStoreConfig storeConfig(Path root) {
    return new IntentModelStoreConfig(
        root, RoutingConfig.defaults().modelByLanguage(), Duration.ofMillis(100));
  }

  /** Trains and saves one model, embedding one text at a time as messages are embedded. */
  static IntentModel train(
      Encoder encoder, String language, IntentDataset data, Path root, Clock clock) {
    List<float[]> vectors = new ArrayList<>(data.size());
    data.texts().forEach(text -> vectors.add(encoder.embed(text)));
    IntentModel model =
        new IntentModelTrainer(IntentTrainingConfig.defaults(), clock)
            .train(data, vectors, language, encoder.modelId());
    try {
      IntentModelArtefacts.save(model, root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return model;
  }

  /** The first {@code perLabel} bundled utterances of each label of a language. */
  static IntentDataset slice(String language, int perLabel) {
    IntentDataset all = IntentDataReader.readResource("intents/" + language + "/train.jsonl");
    Map<String, Integer> taken = new HashMap<>();
    List<LabelledUtterance> slice = new ArrayList<>();
    for (LabelledUtterance u : all.examples()) {
      if (taken.merge(u.label(), 1, Integer::sum) <= perLabel) {
        slice.add(u);
      }
    }
    // Its own hash: a model of the full set must not pass for one of this slice.
    String sha = IntentDataReader.sha256(slice.toString().getBytes(StandardCharsets.UTF_8));
    return new IntentDataset(all.source() + " (first " + perLabel + " per label)", sha, slice);
  }
}
