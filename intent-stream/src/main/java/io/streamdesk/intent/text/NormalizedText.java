package io.streamdesk.intent.text;

import java.util.Objects;

/**
 * The output of {@link TextNormalizer}.
 *
 * @param text normalised text, at most the configured number of chars
 * @param truncated true when the cap cut content off
 * @param originalLength length of the raw text in UTF-16 chars
 */
public record NormalizedText(String text, boolean truncated, int originalLength) {

  public NormalizedText {
    Objects.requireNonNull(text, "text");
  }
}
