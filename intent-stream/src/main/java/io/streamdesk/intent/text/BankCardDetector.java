package io.streamdesk.intent.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, written solid or in groups of four ({@code 6222 0212 3456
 * 7890 123}, dashes too) or 4-6-5 (Amex), that pass the Luhn check. One random number in ten passes
 * Luhn, so two more rules keep order and tracking numbers visible:
 *
 * <ul>
 *   <li>the issuer prefix must be plausible (first digit 3-6: Amex/JCB/Diners, Visa, Mastercard,
 *       UnionPay/Discover; or a 16-digit Mastercard 2221-2720), unless a card word ({@code 卡号},
 *       {@code 银行卡}, {@code card number}) comes right before it. Date-based order numbers such as
 *       {@code 2024051812345} fail this rule;
 *   <li>a number introduced as an order, tracking or invoice number is never a card.
 * </ul>
 */
final class BankCardDetector implements PiiDetector {

  private static final Pattern CANDIDATE =
      Pattern.compile(
          "(?<![0-9A-Za-z])(?:\\d{13,19}"
              + "|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{1,7}(?:\\1\\d{1,4})?"
              + "|\\d{4}([ -])\\d{6}\\2\\d{4,5})"
              + "(?![0-9A-Za-z])");

  @Override
  public void detect(String text, List<PiiMatch> out) {
    Matcher m = CANDIDATE.matcher(text);
    while (m.find()) {
      int end = m.end();
      if (!accept(text, m.start(), end, out)) {
        // A grouped card followed by a stray group ("... 7890 2024年"): try without the last group.
        int lastSeparator = Math.max(m.group().lastIndexOf(' '), m.group().lastIndexOf('-'));
        if (lastSeparator > 0) {
          accept(text, m.start(), m.start() + lastSeparator, out);
        }
      }
    }
  }

  private static boolean accept(String text, int start, int end, List<PiiMatch> out) {
    String digits = digitsOf(text.substring(start, end));
    if (digits.length() < 13 || digits.length() > 19 || !passesLuhn(digits)) {
      return false;
    }
    if (NumberContext.precedes(NumberContext.ORDER, text, start)) {
      return false;
    }
    if (!hasPlausibleIssuer(digits) && !NumberContext.precedes(NumberContext.CARD, text, start)) {
      return false;
    }
    out.add(new PiiMatch(start, end, PiiType.BANK_CARD, digits));
    return true;
  }

  static boolean passesLuhn(String digits) {
    int sum = 0;
    boolean doubled = false;
    boolean allSame = true;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      allSame &= digits.charAt(i) == digits.charAt(0);
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    // 0000 0000 0000 0000 passes Luhn but is a placeholder, not a card.
    return sum % 10 == 0 && !allSame;
  }

  private static boolean hasPlausibleIssuer(String digits) {
    char first = digits.charAt(0);
    if (first >= '3' && first <= '6') {
      return true;
    }
    if (first == '2' && digits.length() == 16) {
      int prefix = Integer.parseInt(digits.substring(0, 4));
      return prefix >= 2221 && prefix <= 2720;
    }
    return false;
  }

  private static String digitsOf(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
