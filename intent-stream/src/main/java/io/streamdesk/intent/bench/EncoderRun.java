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
 * masked texts the topology embeds, message by message, each with its language's encoder. Only the
 * model runs are timed, so this is the ceiling the topology is compared with.
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
      // Index i stays message i; a message the topology would not embed has no text.
      encoders.add(
          masked.isBlank() ? null : router.encoderFor(languages.languageOf(masked, m.getLocale())));
      texts.add(masked.isBlank() ? null : masked);
    }
  }

  /** Embeds every text once; returns texts per second. */
  double run() {
    Slice all = slice(0, texts.size());
    return all.texts() / (all.nanos() / 1e9);
  }

  /** Embeds the texts of messages {@code [from, to)}. */
  Slice slice(int from, int to) {
    int count = 0;
    long start = System.nanoTime();
    for (int i = from; i < to; i++) {
      if (texts.get(i) != null) {
        encoders.get(i).embed(texts.get(i));
        count++;
      }
    }
    return new Slice(count, System.nanoTime() - start);
  }

  /**
   * Time spent embedding some texts.
   *
   * @param texts how many texts were embedded
   * @param nanos how long it took
   */
  record Slice(int texts, long nanos) {}
}
