package io.streamdesk.knowledge.language;

import java.util.EnumMap;
import java.util.Map;

/**
 * Detects the language from the Unicode scripts of the letters: Han → {@code zh}, Han with kana →
 * {@code ja}, Hangul → {@code ko}, Latin → {@code en} (scripts cannot tell English from French;
 * this deployment's Latin-script knowledge base is English), Cyrillic → {@code ru}, Arabic → {@code
 * ar}, Thai → {@code th}.
 *
 * <p>One Han character carries about as much as one English word (~4-5 letters), so each ideograph,
 * kana or Hangul syllable counts {@value #CJK_WEIGHT} letters: "我的iPhone订单没到" is Chinese, "How do I
 * pay with 支付宝?" is English. One pass over the chars, no allocation per char.
 */
public final class ScriptLanguageDetector implements LanguageDetector {

  static final int CJK_WEIGHT = 3;

  private enum Script {
    HAN("zh"),
    KANA("ja"),
    HANGUL("ko"),
    LATIN("en"),
    CYRILLIC("ru"),
    ARABIC("ar"),
    THAI("th");

    final String language;

    Script(String language) {
      this.language = language;
    }
  }

  @Override
  public DetectedLanguage detect(CharSequence text) {
    if (text == null) {
      return new DetectedLanguage(UNDETERMINED, 0);
    }
    Map<Script, Integer> weights = new EnumMap<>(Script.class);
    int total = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      Script script = scriptOf(cp);
      if (script == null) {
        continue;
      }
      int w =
          script == Script.LATIN
                  || script == Script.CYRILLIC
                  || script == Script.ARABIC
                  || script == Script.THAI
              ? 1
              : CJK_WEIGHT;
      weights.merge(script, w, Integer::sum);
      total += w;
    }
    if (total == 0) {
      return new DetectedLanguage(UNDETERMINED, 0);
    }
    // Japanese writes Han too: any real share of kana makes Han text Japanese.
    int kana = weights.getOrDefault(Script.KANA, 0);
    if (kana > 0 && kana * 10 >= weights.getOrDefault(Script.HAN, 0)) {
      weights.merge(Script.KANA, weights.getOrDefault(Script.HAN, 0), Integer::sum);
      weights.remove(Script.HAN);
    }
    Map.Entry<Script, Integer> best = null;
    for (Map.Entry<Script, Integer> e : weights.entrySet()) {
      if (best == null || e.getValue() > best.getValue()) {
        best = e;
      }
    }
    return new DetectedLanguage(best.getKey().language, (double) best.getValue() / total);
  }

  private static Script scriptOf(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ? Script.LATIN : null;
    }
    if (!Character.isLetter(cp)) {
      return null;
    }
    return switch (Character.UnicodeScript.of(cp)) {
      case HAN -> Script.HAN;
      case HIRAGANA, KATAKANA -> Script.KANA;
      case HANGUL -> Script.HANGUL;
      case LATIN -> Script.LATIN;
      case CYRILLIC -> Script.CYRILLIC;
      case ARABIC -> Script.ARABIC;
      case THAI -> Script.THAI;
      default -> null;
    };
  }
}
