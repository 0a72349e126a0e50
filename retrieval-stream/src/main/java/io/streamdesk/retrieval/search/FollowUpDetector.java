package io.streamdesk.retrieval.search;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decides whether a message leans on the previous one: anaphoric markers ("那…呢", "它", "这样"; "and
 * …?", "what about", "it", "there") or a short text (few Han characters or words) that rarely names
 * its own subject. Rules, no model: cheap, predictable, and measured on the e2e follow-ups (see the
 * module README).
 */
public final class FollowUpDetector {

  private static final Pattern ZH_MARKERS =
      Pattern.compile("^(那|那么|还有|另外|而且|并且|再问)|[它她他]|这样|这种|那种|这个|那个|这款|那款|呢[？?]?$");

  private static final Pattern EN_MARKERS =
      Pattern.compile(
          "(?i)^(and|also|what about|how about|and what|but|same for)\\b"
              + "|\\b(it|its|that|this|there|they|them|those|these|one|ones)\\b");

  private final FollowUpSettings settings;

  public FollowUpDetector(FollowUpSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Whether {@code text} (masked, in {@code language}) reads as a follow-up. */
  public boolean isFollowUp(String language, String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return false;
    }
    if ("zh".equals(language)) {
      long han =
          t.codePoints()
              .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
              .count();
      return ZH_MARKERS.matcher(t).find() || han <= settings.maxHanChars();
    }
    return EN_MARKERS.matcher(t).find() || t.split("\\s+").length <= settings.maxWords();
  }
}
