package io.streamdesk.retrieval.state;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the facts a service agent needs out of one masked turn, by rules: order numbers, products,
 * dates, amounts, the PII placeholders a customer gave (the value stays masked, the agent learns
 * that, say, a phone number was given), and what the assistant promised. Facts read {@code kind:
 * value}, e.g. {@code order: 2026031812345}, {@code promise: refund within 3 business days}.
 */
public final class FactExtractor {

  /** 10-20 digits: the shop's 13-digit order numbers, waybills, and other references. */
  private static final Pattern ORDER =
      Pattern.compile(
          "(?<![\\d\\[_])(?:(?:订单号?|单号|order(?: number| no\\.?| #)?)[:：#\\s]*)?(\\d{10,20})(?!\\d)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern DATE =
      Pattern.compile(
          "\\b\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}\\b|\\d{4}年\\d{1,2}月\\d{1,2}[日号]|\\d{1,2}月\\d{1,2}[日号]"
              + "|(?i)\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.? \\d{1,2}\\b");

  private static final Pattern AMOUNT =
      Pattern.compile(
          "[¥￥]\\s?\\d[\\d,]*(?:\\.\\d+)?|\\d[\\d,]*(?:\\.\\d+)?\\s?(?:元|块钱|rmb|yuan|cny)",
          Pattern.CASE_INSENSITIVE);

  /** Product names: Luma-brand and other capitalised model names with a model number. */
  private static final Pattern PRODUCT =
      Pattern.compile(
          "\\b(?:Luma\\s?Bot(?:\\s?[A-Z]\\d{1,3})?|Luma\\s?[A-Z][a-z]+|[A-Z][A-Za-z]*\\s?[A-Z]?\\d{1,4})(?:\\s?(?:Pro|Max|Plus|Mini|Ultra))?\\b");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\[([A-Z_]+)_\\d+\\]");

  /** An assistant sentence that commits to something. */
  private static final Pattern PROMISE =
      Pattern.compile(
          "(?i)\\b(?:we(?:'ll| will)|will be|you will receive|within \\d+)\\b|将在|会在|为您(?:安排|处理|申请)|\\d+\\s*(?:个)?(?:工作日|小时|天)内");

  private static final Pattern SENTENCE = Pattern.compile("[^。！？!?.\\n]+[。！？!?.]?");

  private FactExtractor() {}

  /** Facts a customer turn states. */
  public static List<String> fromCustomer(String text) {
    Set<String> facts = new LinkedHashSet<>();
    collect(ORDER, text, 1, "order", facts);
    collect(PRODUCT, text, 0, "product", facts);
    collect(DATE, text, 0, "date", facts);
    collect(AMOUNT, text, 0, "amount", facts);
    Matcher p = PLACEHOLDER.matcher(text);
    while (p.find()) {
      facts.add("given: " + p.group());
    }
    return List.copyOf(facts);
  }

  /** Facts an assistant turn states: its promises and the order numbers it names. */
  public static List<String> fromAssistant(String text, int maxChars) {
    Set<String> facts = new LinkedHashSet<>();
    collect(ORDER, text, 1, "order", facts);
    Matcher s = SENTENCE.matcher(text);
    while (s.find()) {
      String sentence = s.group().strip();
      if (!sentence.isEmpty() && PROMISE.matcher(sentence).find()) {
        facts.add("promise: " + cut(sentence, maxChars));
      }
    }
    return List.copyOf(facts);
  }

  /** Whether the text carries anything {@link #fromCustomer} would keep. */
  public static boolean hasFacts(String text) {
    return !fromCustomer(text).isEmpty();
  }

  /** Whether a text names an order (or another long reference number). */
  public static boolean namesOrder(String text) {
    return ORDER.matcher(text).find();
  }

  /** Whether a text holds a PII placeholder such as {@code [PHONE_1]}. */
  public static boolean hasPlaceholder(String text) {
    return PLACEHOLDER.matcher(text).find();
  }

  static String cut(String text, int maxChars) {
    String t = text.strip();
    return t.length() <= maxChars ? t : t.substring(0, Math.max(0, maxChars - 1)) + "…";
  }

  private static void collect(
      Pattern pattern, String text, int group, String kind, Set<String> into) {
    Matcher m = pattern.matcher(text);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      String value = m.group(group);
      if (value != null && !value.isBlank()) {
        found.add(kind + ": " + value.strip());
      }
    }
    into.addAll(found);
  }
}
