package io.streamdesk.intent;

/**
 * What the intent topology needs from the intent classifier: one prediction for one embedded
 * message of a language. Implementations are thread-safe (stream threads call them concurrently)
 * and pick up new model versions on their own, so the topology never rebuilds for a reload.
 */
@FunctionalInterface
public interface IntentScorer {

  /**
   * Classifies one message.
   *
   * @param language the routed language of the message ({@code zh}, {@code en}, ...)
   * @param embedding the message's L2-normalised embedding from that language's model
   * @return the prediction; never null
   */
  Classification classify(String language, float[] embedding);
}
