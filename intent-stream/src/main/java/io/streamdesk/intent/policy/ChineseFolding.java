package io.streamdesk.intent.policy;

import com.github.houbb.sensitive.word.api.IWordContext;
import com.github.houbb.sensitive.word.api.IWordFormat;
import com.github.houbb.sensitive.word.bs.SensitiveWordContext;
import com.github.houbb.sensitive.word.support.format.WordFormats;

/**
 * Traditional to simplified Chinese, character by character, with the same table the sensitive-word
 * library matches with (opencc4j), so that rules written in simplified Chinese also hold for 轉人工 or
 * 騙子. Non-Han characters are returned as they are; the length never changes, so offsets stay valid.
 */
final class ChineseFolding {

  private static final IWordFormat SIMPLIFY = WordFormats.ignoreChineseStyle();
  private static final IWordContext CONTEXT = SensitiveWordContext.newInstance();

  private ChineseFolding() {}

  static String toSimplified(String text) {
    char[] chars = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x3400 || c > 0x9FFF) {
        continue;
      }
      char s = SIMPLIFY.format(c, CONTEXT);
      if (s != c) {
        if (chars == null) {
          chars = text.toCharArray();
        }
        chars[i] = s;
      }
    }
    return chars == null ? text : new String(chars);
  }
}
