package io.streamdesk.intent;

import io.streamdesk.intent.classifier.IntentDataReader;
import io.streamdesk.intent.classifier.IntentDataset;
import io.streamdesk.intent.classifier.LabelledUtterance;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.encoder.ExecutionProvider;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real encoders and the real classifier, trained on a slice of the bundled default intents:
 * loaded once per test class, because loading and embedding are slow on 2 cores.
 */
final class TestModels {

  private TestModels() {}

  /** The default routing's encoders (int8 BGE zh and en) on the CPU, loaded and probed. */
  static LanguageRouter router() {
    LanguageRouter router =
        LanguageRouter.withOnnxModels(
            RoutingConfig.defaults(), EncoderConfig.defaults().withProvider(ExecutionProvider.CPU));
    EncoderWarmup.warm(router, RoutingConfig.defaults());
    return router;
  }

  /**
   * The classifier the service serves with, trained at start-up as without {@code
   * intent.models.dir}, but on the first {@code perLabel} bundled utterances of each label.
   */
  static ServedClassifier classifier(LanguageRouter router, int perLabel) {
    try {
      return ServedClassifier.trainedOn(
          slices(perLabel),
          RoutingConfig.defaults(),
          router,
          Files.createTempDirectory("intent-test-models-"),
          true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code perLabel} bundled utterances of each label, per language. */
  static Map<String, IntentDataset> slices(int perLabel) {
    Map<String, IntentDataset> data = new LinkedHashMap<>();
    for (String language : RoutingConfig.defaults().modelByLanguage().keySet()) {
      IntentDataset all = IntentDataReader.readResource(ServedClassifier.bundledResource(language));
      Map<String, Integer> taken = new HashMap<>();
      List<LabelledUtterance> slice = new ArrayList<>();
      for (LabelledUtterance u : all.examples()) {
        if (taken.merge(u.label(), 1, Integer::sum) <= perLabel) {
          slice.add(u);
        }
      }
      // Its own hash: a cached model of the full set must not pass for one of this slice.
      String sha = IntentDataReader.sha256(slice.toString().getBytes(StandardCharsets.UTF_8));
      data.put(
          language,
          new IntentDataset(all.source() + " (first " + perLabel + " per label)", sha, slice));
    }
    return data;
  }
}
