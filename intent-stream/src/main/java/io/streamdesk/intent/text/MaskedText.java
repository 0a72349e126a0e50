package io.streamdesk.intent.text;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The output of {@link PiiMasker}: the text with personal data replaced by typed placeholders.
 *
 * @param text masked text, safe for models and analytics topics
 * @param types kinds of personal data that were replaced, in {@link PiiType} order
 * @param mapping placeholder to original value; its {@code toString} redacts the values
 */
public record MaskedText(String text, Set<PiiType> types, PiiMapping mapping) {

  public MaskedText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(types, "types");
    types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
  }

  /** True when at least one value was masked. */
  public boolean hasPii() {
    return !types.isEmpty();
  }
}
