package io.streamdesk.knowledge.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptLanguageDetectorTest {

  private final LanguageDetector detector = new ScriptLanguageDetector();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "我的订单什么时候发货？ | zh",
        "退货退款需要多久 | zh",
        "我的iPhone订单没到 | zh",
        "订单 order number 12345 怎么查 | zh",
        "How do I reset my password? | en",
        "How do I pay with 支付宝? | en",
        "Where is my parcel #A-1234 | en",
        "注文はいつ届きますか | ja",
        "주문은 언제 도착하나요 | ko",
        "Где мой заказ? | ru",
        "Où est ma commande ? | en",
      })
  void shouldDetectTheLanguageFromTheScript(String text, String language) {
    assertThat(detector.detect(text).language()).isEqualTo(language);
  }

  @Test
  void shouldBeUndeterminedWithoutLetters() {
    assertThat(detector.detect("12345 !!! 😀").language()).isEqualTo(LanguageDetector.UNDETERMINED);
    assertThat(detector.detect("").isDetermined()).isFalse();
    assertThat(detector.detect(null).isDetermined()).isFalse();
  }

  @Test
  void shouldReportTheDominantShareAsConfidence() {
    assertThat(detector.detect("退货").confidence()).isEqualTo(1.0);
    // 4 Han chars weigh 12 against 6 Latin letters.
    assertThat(detector.detect("iPhone退货退款").confidence())
        .isCloseTo(12.0 / 18, org.assertj.core.api.Assertions.within(1e-9));
  }
}
