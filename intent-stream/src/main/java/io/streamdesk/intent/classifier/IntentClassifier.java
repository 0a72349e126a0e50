package io.streamdesk.intent.classifier;

import io.streamdesk.knowledge.language.LanguageRouter.RoutedEmbedding;
import java.util.Optional;

/**
 * What the intent topology calls once per message, with the embedding it computed once (embed once:
 * the same vector travels on to retrieval). Implementations are thread-safe.
 */
public interface IntentClassifier {

  /**
   * Classifies a message embedding of a language.
   *
   * @param language the configured language the message was routed to ({@code zh}, {@code en})
   * @param vector the message embedding, made by that language's encoder
   * @throws IntentModelException when no model serves the language, or the vector's dimension does
   *     not match it
   */
  IntentPrediction classify(String language, float[] vector);

  /**
   * Classifies a routed embedding after checking that it was made by the encoder the language's
   * model was trained on.
   *
   * @throws IntentModelException on an encoder mismatch or a language without a model
   */
  default IntentPrediction classify(RoutedEmbedding embedding) {
    String expected = encoderModelId(embedding.language()).orElse(null);
    if (expected != null && !expected.equals(embedding.modelId())) {
      throw new IntentModelException(
          "intent model for '"
              + embedding.language()
              + "' expects vectors of "
              + expected
              + ", got "
              + embedding.modelId());
    }
    return classify(embedding.language(), embedding.vector());
  }

  /** The encoder the language's live model was trained on, if a model serves the language. */
  Optional<String> encoderModelId(String language);

  /** The version of the language's live model, if any. */
  Optional<String> modelVersion(String language);
}
