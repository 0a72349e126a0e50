package io.streamdesk.kb.parse;

/** Characters written without spaces around them: Han ideographs and CJK punctuation. */
final class Cjk {

  private Cjk() {}

  static boolean isCjk(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
        || (c >= '\u3000' && c <= '\u303F') // CJK symbols and punctuation
        || (c >= '\uFF00' && c <= '\uFFEF'); // full-width forms
  }
}
