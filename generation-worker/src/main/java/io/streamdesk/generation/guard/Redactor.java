package io.streamdesk.generation.guard;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guard's rewriting of one reply while it streams: citation markers removed (their numbers
 * kept), deny-listed words and unknown personal data masked, so no chunk ever shows what the final
 * reply hides. {@link #accept} returns the text that can be released now; it holds back a tail that
 * could still grow into something to rewrite (trailing whitespace, a word or e-mail in progress, a
 * run of digits, an open [ marker, the last characters of a possible deny-listed word). Everything
 * released concatenates to a prefix of {@link #text()}, and {@link #finish} releases the rest.
 *
 * <p>Not thread-safe: one generation feeds it from one thread at a time.
 */
public final class Redactor {

  private final SpanFinder finder;
  private final int denyHoldBack;
  private final StringBuilder raw = new StringBuilder();
  private final StringBuilder released = new StringBuilder();
  private boolean diverged;
  private List<Span> finalSpans;

  Redactor(SpanFinder finder) {
    this.finder = finder;
    this.denyHoldBack = Math.max(0, finder.longestDenyWord() - 1);
  }

  /** Takes the next generated delta; returns the rewritten text that is safe to show now. */
  public String accept(String delta) {
    if (finalSpans != null) {
      throw new IllegalStateException("the reply is finished");
    }
    raw.append(delta);
    if (diverged) {
      return "";
    }
    String text = raw.toString();
    List<Span> spans = finder.find(text);
    int end = stableEnd(text, spans);
    return release(rewrite(text, spans, end));
  }

  /** Ends the reply; returns the rest of the rewritten text (everything, after a divergence). */
  public String finish() {
    if (finalSpans != null) {
      throw new IllegalStateException("the reply is finished");
    }
    String text = raw.toString();
    finalSpans = finder.find(text);
    String all = rewrite(text, finalSpans, text.length());
    if (diverged || !all.startsWith(released.toString())) {
      diverged = true;
      return all;
    }
    String rest = all.substring(released.length());
    released.append(rest);
    return rest;
  }

  /**
   * True when text released while streaming is not a prefix of the final text (a rewrite reached
   * back into released text, which the hold-back rules are built to prevent): the caller then
   * restarts the stream with {@link #text()}.
   */
  public boolean diverged() {
    return diverged;
  }

  /** The whole rewritten reply; only after {@link #finish}. */
  public String text() {
    requireFinished();
    return rewrite(raw.toString(), finalSpans, raw.length());
  }

  /** Passage numbers cited by markers, in order of first citation; only after {@link #finish}. */
  public List<Integer> citedNumbers() {
    requireFinished();
    Set<Integer> numbers = new LinkedHashSet<>();
    for (Span span : finalSpans) {
      for (int n : span.citations()) {
        numbers.add(n);
      }
    }
    return List.copyOf(numbers);
  }

  /** How many spans of each kind were rewritten (citation, deny-word, email, phone, ...). */
  public Map<String, Integer> rewrites() {
    requireFinished();
    Map<String, Integer> counts = new LinkedHashMap<>();
    finalSpans.forEach(s -> counts.merge(s.kind(), 1, Integer::sum));
    return counts;
  }

  private String release(String rewrittenPrefix) {
    if (!rewrittenPrefix.startsWith(released.toString())) {
      diverged = true;
      return "";
    }
    String delta = rewrittenPrefix.substring(released.length());
    released.append(delta);
    return delta;
  }

  /** Where the released part of {@code text} must end so nothing still open is shown. */
  private int stableEnd(String text, List<Span> spans) {
    int n = text.length();
    int end = n;
    end = Math.min(end, n - denyHoldBack);
    end = Math.min(end, trailingStart(text, n, Character::isWhitespace));
    end = Math.min(end, trailingStart(text, n, Redactor::isWordChar));
    end = Math.min(end, digitRunStart(text, n));
    end = Math.min(end, openMarkerStart(text, n));
    end = Math.max(end, 0);
    // A rewrite must never be cut in two.
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Span span : spans) {
        if (span.straddles(end)) {
          end = span.start();
          moved = true;
        }
      }
    }
    return end;
  }

  private static String rewrite(String text, List<Span> spans, int end) {
    StringBuilder out = new StringBuilder(end);
    int at = 0;
    for (Span span : spans) {
      if (span.end() > end) {
        break;
      }
      out.append(text, at, span.start()).append(span.replacement());
      at = span.end();
    }
    out.append(text, at, end);
    return out.toString();
  }

  private interface CharTest {
    boolean test(char c);
  }

  private static int trailingStart(String text, int n, CharTest test) {
    int i = n;
    while (i > 0 && test.test(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static boolean isWordChar(char c) {
    return (c < 128 && Character.isLetterOrDigit(c)) || "@._%+-".indexOf(c) >= 0;
  }

  /** Start of a trailing run of digits, spaces, dashes, dots and brackets holding a digit. */
  private static int digitRunStart(String text, int n) {
    int i = n;
    boolean digit = false;
    while (i > 0) {
      char c = text.charAt(i - 1);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (" -+().（）".indexOf(c) < 0) {
        break;
      }
      i--;
    }
    return digit ? i : n;
  }

  /** Start of a trailing {@code [1, } or {@code 【} that may still become a citation marker. */
  private static int openMarkerStart(String text, int n) {
    int i = n;
    while (i > 0 && " 0123456789,，、".indexOf(text.charAt(i - 1)) >= 0) {
      i--;
    }
    if (i > 0 && (text.charAt(i - 1) == '[' || text.charAt(i - 1) == '【')) {
      return i - 1;
    }
    return n;
  }

  private void requireFinished() {
    if (finalSpans == null) {
      throw new IllegalStateException("call finish() first");
    }
  }
}
