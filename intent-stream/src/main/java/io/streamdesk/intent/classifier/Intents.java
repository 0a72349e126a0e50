package io.streamdesk.intent.classifier;

/** Intent names with a meaning of their own to the classifier. */
public final class Intents {

  /**
   * The out-of-scope label: in training data it marks examples of what the service does not cover;
   * in a prediction it means the classifier rejected every in-scope intent (the seed design's
   * "other" / 其他意图).
   */
  public static final String OUT_OF_SCOPE = "oos";

  private Intents() {}
}
