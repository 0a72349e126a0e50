package io.streamdesk.intent.classifier;

import java.util.Objects;

/**
 * One training or test example: a customer utterance and its intent label ({@link
 * Intents#OUT_OF_SCOPE} marks an utterance the shop's service does not cover).
 *
 * @param text the utterance, never blank
 * @param label the intent, never blank, trimmed
 */
public record LabelledUtterance(String text, String label) {

  public LabelledUtterance {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
    label = label.strip();
    if (text.isBlank()) {
      throw new IllegalArgumentException("utterance text must not be blank");
    }
    if (label.isEmpty()) {
      throw new IllegalArgumentException("label must not be blank (utterance: " + text + ")");
    }
  }

  public boolean outOfScope() {
    return Intents.OUT_OF_SCOPE.equals(label);
  }
}
