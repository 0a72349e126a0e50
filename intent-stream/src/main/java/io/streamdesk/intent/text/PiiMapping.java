package io.streamdesk.intent.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholder to original value, for one message ({@code [PHONE_1] -> 138 1234 5678}), so that a
 * reply can refer to the customer's own data. This is personal data: it must never be logged,
 * serialised to an analytics topic or handed to a model. {@link #toString()} therefore names the
 * placeholders only, and there is deliberately no accessor that returns the whole map.
 */
public final class PiiMapping {

  /** No personal data found. */
  public static final PiiMapping EMPTY = new PiiMapping(Map.of());

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\[(?:PHONE|EMAIL|ID_CARD|BANK_CARD|IP)_\\d+]");

  private final Map<String, String> originals;

  PiiMapping(Map<String, String> originals) {
    this.originals = Collections.unmodifiableMap(new LinkedHashMap<>(originals));
  }

  /** The value behind {@code placeholder} (such as {@code [EMAIL_1]}), if this message had it. */
  public Optional<String> original(String placeholder) {
    return Optional.ofNullable(originals.get(placeholder));
  }

  /** Placeholders in the order their values first appeared. */
  public Set<String> placeholders() {
    return originals.keySet();
  }

  public int size() {
    return originals.size();
  }

  public boolean isEmpty() {
    return originals.isEmpty();
  }

  /**
   * Puts the original values back into {@code text} (for example a generated reply that says "we
   * will call [PHONE_1]"). Placeholders this mapping does not know are left as they are.
   */
  public String restore(String text) {
    if (originals.isEmpty() || text.indexOf('[') < 0) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder(text.length() + 16);
    while (m.find()) {
      String value = originals.getOrDefault(m.group(), m.group());
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PiiMapping other && originals.equals(other.originals);
  }

  @Override
  public int hashCode() {
    return originals.hashCode();
  }

  /** Names the placeholders and redacts every value. */
  @Override
  public String toString() {
    return "PiiMapping" + originals.keySet() + " (values redacted)";
  }
}
