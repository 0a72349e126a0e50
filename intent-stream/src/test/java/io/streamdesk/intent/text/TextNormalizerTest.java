package io.streamdesk.intent.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

  private final TextNormalizer normalizer = TextNormalizer.withDefaults();

  private String normalize(String raw) {
    return normalizer.normalize(raw).text();
  }

  @Test
  void shouldTurnFullWidthLettersDigitsAndSymbolsIntoAscii() {
    // Given a message typed with a Chinese IME in full-width mode
    String raw = "ＲＸ－７０００ 型号，邮箱ｌｉ．ｌｅｉ＠ｅｘａｍｐｌｅ．ｃｏｍ，电话＋８６ １３８";

    // When / Then
    assertThat(normalize(raw)).isEqualTo("RX-7000 型号，邮箱li.lei@example.com，电话+86 138");
  }

  @Test
  void shouldKeepChinesePunctuationTheAnalyserNeeds() {
    assertThat(normalize("你好，请问（这个）怎么退？谢谢！注意：一；二。“好”、《书》【急】……"))
        .isEqualTo("你好，请问（这个）怎么退？谢谢！注意：一；二。“好”、《书》【急】……");
  }

  @Test
  void shouldApplyCompatibilityFormsToOtherCharacters() {
    // Given circled digits, squared units, ligatures, maths letters and half-width katakana
    assertThat(normalize("①号 ３０㎡ ﬁne 𝐇𝐞𝐥𝐥𝐨 ｶﾀｶﾅ ｡")).isEqualTo("1号 30m2 fine Hello カタカナ 。");
  }

  @Test
  void shouldComposeCombiningMarks() {
    assertThat(normalize("cafe\u0301")).isEqualTo("café");
    assertThat(normalize("ｶﾞ")).isEqualTo("ガ");
  }

  @Test
  void shouldRemoveControlAndZeroWidthCharacters() {
    // Given a word split by zero-width characters (an old trick to dodge word filters) and a BOM
    String raw = "\uFEFF傻\u200B逼\u200D客\u2060服\u0007\u00AD！\u202Eabc\u202C";

    assertThat(normalize(raw)).isEqualTo("傻逼客服！abc");
  }

  @Test
  void shouldDropUnpairedSurrogatesButKeepEmoji() {
    assertThat(normalize("好\uD83D评😀")).isEqualTo("好评😀");
  }

  @Test
  void shouldCollapseWhitespaceAndKeepOneLineBreak() {
    // Given tabs, ideographic and no-break spaces, CRLF runs and blank lines
    String raw = "  我要\t\t退款\u3000\u3000订单\u00A0号 \r\n\r\n\n  收货地址：\u2028北京  ";

    assertThat(normalize(raw)).isEqualTo("我要 退款 订单 号\n收货地址：\n北京");
  }

  @Test
  void shouldReturnEmptyTextForBlankInput() {
    NormalizedText result = normalizer.normalize(" \t\u200B\n ");

    assertThat(result.text()).isEmpty();
    assertThat(result.truncated()).isFalse();
  }

  @Test
  void shouldCapLengthAndReportTruncation() {
    // Given a cap of 10 and a longer message
    TextNormalizer small = new TextNormalizer(10);

    // When
    NormalizedText result = small.normalize("一二三四五六七八九十十一十二");

    // Then
    assertThat(result.text()).isEqualTo("一二三四五六七八九十");
    assertThat(result.truncated()).isTrue();
    assertThat(result.originalLength()).isEqualTo(14);
  }

  @Test
  void shouldNotReportTruncationWhenOnlyWhitespaceIsCut() {
    NormalizedText result = new TextNormalizer(5).normalize("hello        ");

    assertThat(result.text()).isEqualTo("hello");
    assertThat(result.truncated()).isFalse();
  }

  @Test
  void shouldNeverSplitASurrogatePairAtTheCap() {
    NormalizedText result = new TextNormalizer(3).normalize("ab😀c");

    assertThat(result.text()).isEqualTo("ab");
    assertThat(result.truncated()).isTrue();
  }

  @Test
  void shouldStopWorkAtTheCapOnHugeInput() {
    String huge = "退款".repeat(2_000_000);

    NormalizedText result = normalizer.normalize(huge);

    assertThat(result.text()).hasSize(TextNormalizer.DEFAULT_MAX_CHARS);
    assertThat(result.truncated()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Hello World|Hello World",
        "ｈｅｌｌｏ　ｗｏｒｌｄ|hello world",
        "价格￥１９９．００|价格¥199.00",
        "２０２４年５月１８日|2024年5月18日",
        "订单号：２０２４０５１８１２３４５|订单号：2024051812345",
        "（０１０）１２３４５６７８|（010）12345678"
      })
  void shouldNormaliseTypicalShopMessages(String raw, String expected) {
    assertThat(normalize(raw)).isEqualTo(expected);
  }

  @Test
  void shouldRejectNullAndBadCap() {
    assertThatThrownBy(() -> normalizer.normalize(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new TextNormalizer(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxChars");
  }
}
