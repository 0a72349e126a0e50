package io.streamdesk.intent.text;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: a dot-atom local part, {@code @}, and a domain with a 2..24 letter top-level
 * label ({@code 12345678@qq.com}, {@code li.lei+shop@example.com.cn}). Full-width {@code ＠} and
 * {@code ．} were made ASCII by the normaliser.
 */
final class EmailDetector implements PiiDetector {

  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}"
              // Bounded label count: an unbounded group repetition recurses per label in
              // java.util.regex and overflows the stack on adversarial input.
              + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,8}[A-Za-z]{2,24}"
              + "(?![A-Za-z0-9-])");

  @Override
  public void detect(String text, List<PiiMatch> out) {
    if (text.indexOf('@') < 0) {
      return;
    }
    Matcher m = EMAIL.matcher(text);
    while (m.find()) {
      out.add(new PiiMatch(m.start(), m.end(), PiiType.EMAIL, m.group().toLowerCase(Locale.ROOT)));
    }
  }
}
