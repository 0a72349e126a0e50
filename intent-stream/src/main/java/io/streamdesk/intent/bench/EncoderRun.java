package io.streamdesk.intent.bench;

import io.streamdesk.intent.LanguageResolver;
import io.streamdesk.intent.text.TextPipeline;
import io.streamdesk.knowledge.encoder.Encoder;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoder alone, one text per model run (what {@code embed-bench} calls one-by-one): the same
 * masked texts the topology embeds, each with its language's encoder. Only the model runs are
 * timed, so this is the ceiling the topology is compared with.
 */
final class EncoderRun {

  private final List<Encoder> encoders = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();

  EncoderRun(
      List<CustomerMessageReceived> messages,
      TextPipeline pipeline,
      LanguageResolver languages,
      LanguageRouter router) {
    for (CustomerMessageReceived m : messages) {
      String masked = pipeline.process(m.getText()).maskedText();
      if (masked.isBlank()) {
        continue;
      }
      encoders.add(router.encoderFor(languages.languageOf(masked, m.getLocale())));
      texts.add(masked);
    }
  }

  /** Embeds every text once; returns texts per second. */
  double run() {
    long start = System.nanoTime();
    for (int i = 0; i < texts.size(); i++) {
      encoders.get(i).embed(texts.get(i));
    }
    return texts.size() / ((System.nanoTime() - start) / 1e9);
  }
}
