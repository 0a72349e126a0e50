package io.streamdesk.intent.text;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese resident ID numbers. The 18-char form is masked only when its province code, birth date
 * and MOD 11-2 check character are all valid, so an 18-digit order number is left alone (10 in 11
 * random numbers fail the checksum alone). It may be written in 6-8-4 groups separated by a space
 * or dash. Like every number, it stays visible when introduced as an order number. The 15-digit
 * legacy form has no checksum; it is masked only when {@code legacy} is on and an ID context word
 * ({@code 身份证}, {@code ID card}) comes right before it.
 */
final class IdCardDetector implements PiiDetector {

  private static final Pattern ID18 =
      Pattern.compile(
          "(?<![0-9A-Za-z])([1-9]\\d{5})([ -]?)((?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01]))"
              + "\\2(\\d{3}[0-9Xx])(?![0-9A-Za-z])");

  private static final Pattern ID15 =
      Pattern.compile(
          "(?<![0-9A-Za-z])[1-9]\\d{5}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}(?![0-9A-Za-z])");

  private final boolean legacy;

  IdCardDetector(boolean legacy) {
    this.legacy = legacy;
  }

  @Override
  public void detect(String text, List<PiiMatch> out) {
    Matcher m = ID18.matcher(text);
    while (m.find()) {
      String id = (m.group(1) + m.group(3) + m.group(4)).toUpperCase(Locale.ROOT);
      if (ChineseIdCards.isValid18(id)
          && !NumberContext.precedes(NumberContext.ORDER, text, m.start())) {
        out.add(new PiiMatch(m.start(), m.end(), PiiType.ID_CARD, id));
      }
    }
    if (!legacy) {
      return;
    }
    Matcher m15 = ID15.matcher(text);
    while (m15.find()) {
      String id = m15.group();
      if (ChineseIdCards.isValid15(id)
          && NumberContext.precedes(NumberContext.ID_CARD, text, m15.start())) {
        out.add(new PiiMatch(m15.start(), m15.end(), PiiType.ID_CARD, id));
      }
    }
  }
}
