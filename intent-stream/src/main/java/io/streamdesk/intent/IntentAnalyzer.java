package io.streamdesk.intent;

import io.streamdesk.intent.text.TextAnalysis;
import io.streamdesk.intent.text.TextPipeline;
import io.streamdesk.knowledge.encoder.Encoder;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.runtime.dlq.Outcome;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import java.util.Objects;

/**
 * The stateless steps of the intent stream for one message: text pipeline (normalise, mask PII,
 * sensitive words, handoff signals), language (detector with the locale as a hint), one embedding
 * of the masked text with that language's model, and the classifier. Thread-safe.
 *
 * <p>A message with nothing to classify (no text left after normalisation) is a business failure
 * ({@link Outcome.Dlq} {@value #EMPTY_TEXT}); an encoder or classifier error is an infrastructure
 * error and is thrown, for the Streams processing handler to park the record.
 */
public final class IntentAnalyzer {

  /** Dead-letter code of a message whose text is empty after normalisation. */
  public static final String EMPTY_TEXT = "EMPTY_TEXT";

  private final TextPipeline textPipeline;
  private final LanguageResolver languages;
  private final LanguageRouter router;
  private final IntentScorer scorer;

  public IntentAnalyzer(
      TextPipeline textPipeline,
      LanguageResolver languages,
      LanguageRouter router,
      IntentScorer scorer) {
    this.textPipeline = Objects.requireNonNull(textPipeline, "textPipeline");
    this.languages = Objects.requireNonNull(languages, "languages");
    this.router = Objects.requireNonNull(router, "router");
    this.scorer = Objects.requireNonNull(scorer, "scorer");
  }

  /** Analyses one inbound message. */
  public Outcome<AnalysedMessage> analyse(CustomerMessageReceived message) {
    long started = System.nanoTime();
    TextAnalysis text = textPipeline.process(message.getText());
    if (text.maskedText().isBlank()) {
      return Outcome.dlq(
          EMPTY_TEXT,
          "no text left after normalisation (" + text.originalLength() + " chars received)",
          message);
    }
    String language = languages.languageOf(text.maskedText(), message.getLocale());
    // Embedded once, here: retrieval searches with this vector instead of embedding again.
    Encoder encoder = router.encoderFor(language);
    float[] embedding = encoder.embed(text.maskedText());
    Classification classification = scorer.classify(language, embedding);
    return Outcome.ok(
        new AnalysedMessage(
            message, text, language, encoder.modelId(), embedding, classification, started));
  }
}
