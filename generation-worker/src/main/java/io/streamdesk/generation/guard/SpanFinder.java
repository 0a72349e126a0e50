package io.streamdesk.generation.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what the guard rewrites in generated text: citation markers ([1], [1, 2], 【2】: removed,
 * their numbers kept), deny-listed words (asterisks) and personal data the passages do not contain
 * (e-mail, Chinese ID numbers, card numbers passing the Luhn check, mobile, landline, hotline and
 * international phone numbers: a placeholder). Spans never overlap; the earliest, then longest
 * wins.
 */
final class SpanFinder {

  static final String CITATION = "citation";
  static final String DENY_WORD = "deny-word";

  private static final Pattern CITATION_MARKER =
      Pattern.compile("\\s*[\\[【](\\d{1,2}(?:\\s*[,，、]\\s*\\d{1,2})*)[\\]】]");

  /** A kind of personal data, its pattern and the placeholder shown instead. */
  private record PiiRule(String kind, Pattern pattern, String placeholder, boolean luhn) {}

  private static final List<PiiRule> PII =
      List.of(
          new PiiRule(
              "email",
              Pattern.compile(
                  "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
              "[EMAIL]",
              false),
          new PiiRule(
              "id",
              Pattern.compile(
                  "(?<![0-9A-Za-z])\\d{6}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])"
                      + "(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx](?![0-9A-Za-z])"),
              "[ID_NUMBER]",
              false),
          new PiiRule(
              "card",
              Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])"),
              "[CARD]",
              true),
          new PiiRule(
              "phone",
              Pattern.compile("(?<![\\d+])(?:\\+?86[ -]?)?1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}(?!\\d)"),
              "[PHONE]",
              false),
          new PiiRule(
              "phone",
              Pattern.compile(
                  "(?<![\\d\\w])\\+\\d{1,3}[ -]?(?:\\(\\d{1,4}\\)[ -]?)?\\d{2,4}(?:[ -]?\\d{2,4}){1,3}(?!\\d)"),
              "[PHONE]",
              false),
          new PiiRule(
              "phone",
              Pattern.compile("(?<!\\d)(?:\\(\\d{3}\\)\\s?|\\d{3}[-.])\\d{3}[-.]\\d{4}(?!\\d)"),
              "[PHONE]",
              false),
          new PiiRule(
              "phone",
              Pattern.compile("(?<![\\d-])0\\d{2,3}-\\d{7,8}(?![\\d-])"),
              "[PHONE]",
              false),
          new PiiRule(
              "phone",
              Pattern.compile("(?<!\\d)[48]00[ -]?\\d{3}[ -]?\\d{4}(?!\\d)"),
              "[PHONE]",
              false));

  private final boolean maskPii;
  private final List<String> denyWords;
  private final Set<String> allowed;

  /**
   * @param maskPii whether personal data is masked
   * @param denyWords lower-case words to hide
   * @param allowed normalized personal data that may stay (found in the passages)
   */
  SpanFinder(boolean maskPii, List<String> denyWords, Set<String> allowed) {
    this.maskPii = maskPii;
    this.denyWords = denyWords.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    this.allowed = allowed;
  }

  /** The longest deny-listed word, in characters (0 when there is none). */
  int longestDenyWord() {
    return denyWords.stream().mapToInt(String::length).max().orElse(0);
  }

  /** Non-overlapping spans in {@code text}, in order. */
  List<Span> find(String text) {
    List<Span> spans = new ArrayList<>();
    Matcher citation = CITATION_MARKER.matcher(text);
    while (citation.find()) {
      int[] numbers =
          Pattern.compile("\\d{1,2}")
              .matcher(citation.group(1))
              .results()
              .mapToInt(r -> Integer.parseInt(r.group()))
              .toArray();
      spans.add(new Span(citation.start(), citation.end(), "", CITATION, numbers));
    }
    if (maskPii) {
      for (PiiRule rule : PII) {
        Matcher m = rule.pattern().matcher(text);
        while (m.find()) {
          String value = m.group();
          if ((rule.luhn() && !luhn(value)) || allowed.contains(normalize(value))) {
            continue;
          }
          spans.add(new Span(m.start(), m.end(), rule.placeholder(), rule.kind(), new int[0]));
        }
      }
    }
    if (!denyWords.isEmpty()) {
      String lower = text.toLowerCase(Locale.ROOT);
      for (String word : denyWords) {
        for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
          spans.add(
              new Span(at, at + word.length(), "*".repeat(word.length()), DENY_WORD, new int[0]));
        }
      }
    }
    spans.sort(Comparator.comparingInt(Span::start).thenComparing(s -> -(s.end() - s.start())));
    List<Span> disjoint = new ArrayList<>(spans.size());
    int covered = 0;
    for (Span span : spans) {
      if (span.start() >= covered) {
        disjoint.add(span);
        covered = span.end();
      }
    }
    return disjoint;
  }

  /** Every personal-data value in {@code text}, normalized: what passages allow to stay. */
  static Set<String> personalData(String text) {
    Set<String> found = new java.util.HashSet<>();
    for (PiiRule rule : PII) {
      rule.pattern().matcher(text).results().forEach(r -> found.add(normalize(r.group())));
    }
    return found;
  }

  /** E-mail addresses lower-cased, numbers as their digits (and X) only. */
  static String normalize(String value) {
    if (value.indexOf('@') >= 0) {
      return value.toLowerCase(Locale.ROOT);
    }
    StringBuilder digits = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (Character.isDigit(c) || c == 'X' || c == 'x') {
        digits.append(Character.toUpperCase(c));
      }
    }
    String d = digits.toString();
    // +86 13800138000 and 13800138000 are the same number.
    return d.length() == 13 && d.startsWith("861") ? d.substring(2) : d;
  }

  static boolean luhn(String value) {
    int sum = 0;
    boolean twice = false;
    int digits = 0;
    for (int i = value.length() - 1; i >= 0; i--) {
      char c = value.charAt(i);
      if (!Character.isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
      digits++;
    }
    return digits >= 13 && sum % 10 == 0;
  }
}
