package io.streamdesk.intent.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskerTest {

  private static final PiiMasker MASKER = PiiMasker.withDefaults();

  private static String mask(String text) {
    return MASKER.mask(text).text();
  }

  @Nested
  class Phones {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "我的手机13812345678|我的手机[PHONE_1]",
          "手机 138 1234 5678 谢谢|手机 [PHONE_1] 谢谢",
          "电话138-1234-5678，尽快联系|电话[PHONE_1]，尽快联系",
          "+86 138 1234 5678|[PHONE_1]",
          "+8613812345678|[PHONE_1]",
          "0086 13812345678|[PHONE_1]",
          "手机号码：17712345678。|手机号码：[PHONE_1]。",
          "新号段19912345678也要|新号段[PHONE_1]也要",
          "call me on 15912345678 please|call me on [PHONE_1] please",
          "新号段17967661165不在号段表里|新号段[PHONE_1]不在号段表里",
          "+86 179 6766 1165|[PHONE_1]"
        })
    void shouldMaskChineseMobileNumbers(String text, String expected) {
      assertThat(mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "座机010-12345678|座机[PHONE_1]",
          "电话(010) 12345678|电话[PHONE_1]",
          "电话（010）12345678|电话[PHONE_1]",
          "打0755-26123456找我|打[PHONE_1]找我",
          "公司电话021 6123 4567|公司电话[PHONE_1]",
          "分机0571-87654321转123|分机[PHONE_1]转123"
        })
    void shouldMaskChineseLandlines(String text, String expected) {
      assertThat(mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "Call +1 650-253-0000 after 5pm|Call [PHONE_1] after 5pm",
          "UK office +44 20 7031 3000|UK office [PHONE_1]",
          "HK mobile +852 9123 4567|HK mobile [PHONE_1]"
        })
    void shouldMaskInternationalNumbersWithCountryCode(String text, String expected) {
      assertThat(mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "客服热线400-810-8888",
          "拨打4008108888咨询",
          "免费电话800-810-8888",
          "工行客服95588",
          "投诉请打12315",
          "移动客服10086"
        })
    void shouldKeepBusinessServiceNumbersVisible(String text) {
      assertThat(mask(text)).isEqualTo(text);
    }

    @Test
    void shouldMaskServiceNumbersWhenConfigured() {
      PiiMasker strict = new PiiMasker(new PiiConfig(List.of("CN"), true, true));

      assertThat(strict.mask("客服热线400-810-8888").text()).isEqualTo("客服热线[PHONE_1]");
    }

    @Test
    void shouldReadUsNationalFormatOnlyWhenTheRegionIsConfigured() {
      String text = "call me at 650-253-0000";
      PiiMasker withUs = new PiiMasker(new PiiConfig(List.of("CN", "US"), false, true));

      assertThat(mask(text)).isEqualTo(text);
      assertThat(withUs.mask(text).text()).isEqualTo("call me at [PHONE_1]");
    }
  }

  @Nested
  class EmailsAndAddresses {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "邮箱12345678@qq.com|邮箱[EMAIL_1]",
          "mail li.lei+shop@example.com.cn now|mail [EMAIL_1] now",
          "Contact: John_Doe@Mail.Example.org.|Contact: [EMAIL_1].",
          "发到 abc-def@sub.domain.io 吧|发到 [EMAIL_1] 吧"
        })
    void shouldMaskEmailAddresses(String text, String expected) {
      assertThat(mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@客服 在吗", "email me @ home", "price@5", "a@b", "user@localhost"})
    void shouldNotMaskThingsThatAreNotEmailAddresses(String text) {
      assertThat(mask(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "我的IP是192.168.1.10|我的IP是[IP_1]",
          "server 8.8.8.8, backup 1.1.1.1.|server [IP_1], backup [IP_2].",
          "IPv6 2001:db8:85a3::8a2e:370:7334 报错|IPv6 [IP_1] 报错",
          "link-local fe80::1 here|link-local [IP_1] here",
          "full 2001:0db8:0000:0000:0000:ff00:0042:8329|full [IP_1]",
          "mapped ::ffff:192.0.2.128 too|mapped [IP_1] too"
        })
    void shouldMaskIpAddresses(String text, String expected) {
      assertThat(mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "固件版本 v1.2.3.4 有bug",
          "version 10.0.0.1 crashes",
          "请于12:30:45前付款",
          "MAC 00:1A:2B:3C:4D:5E",
          "std::vector 和 Bad::Cafe",
          "价格 256.1.1.1 不是地址",
          "1.2.3 版本"
        })
    void shouldNotMaskVersionsTimesAndCode(String text) {
      assertThat(mask(text)).isEqualTo(text);
    }
  }

  @Nested
  class IdCards {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "身份证11010519491231002X|身份证[ID_CARD_1]",
          "身份证号11010519491231002x|身份证号[ID_CARD_1]",
          "ID 310115198512150010 please|ID [ID_CARD_1] please",
          "证件 510107 19991231 4573|证件 [ID_CARD_1]",
          "闰日11010120000229123X|闰日[ID_CARD_1]"
        })
    void shouldMaskResidentIdsWithValidChecksum(String text, String expected) {
      assertThat(mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "身份证440304199003071230", // wrong check digit
          "单号202405181234567890", // 18 digits, province 20 does not exist
          "编号110105194912320021", // 32 December
          "ID11010519491231002Y" // bad check character
        })
    void shouldRejectNumbersWithInvalidChecksumOrDate(String text) {
      assertThat(mask(text)).isEqualTo(text);
    }

    @Test
    void shouldMaskLegacyIdOnlyAfterAnIdWord() {
      assertThat(mask("身份证号：110105491231002")).isEqualTo("身份证号：[ID_CARD_1]");
      assertThat(mask("快递110105491231002")).isEqualTo("快递110105491231002");
    }
  }

  @Nested
  class BankCards {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "卡号6222021234567890128|卡号[BANK_CARD_1]",
          "卡号 6222 0212 3456 7890 128|卡号 [BANK_CARD_1]",
          "Visa 4111-1111-1111-1111 expired|Visa [BANK_CARD_1] expired",
          "card 5555555555554444|card [BANK_CARD_1]",
          "amex 3782 822463 10005|amex [BANK_CARD_1]",
          "退到6228480012345678903吧|退到[BANK_CARD_1]吧",
          "卡号4111 1111 1111 1111 2024年办的|卡号[BANK_CARD_1] 2024年办的"
        })
    void shouldMaskLuhnValidCardNumbers(String text, String expected) {
      assertThat(mask(text)).isEqualTo(expected);
    }

    @Test
    void shouldAcceptAnUnusualIssuerOnlyAfterACardWord() {
      // 9-prefixed, Luhn-valid: only a card when the customer says so
      assertThat(mask("银行卡号9558801234567891")).isEqualTo("银行卡号9558801234567891");
      String luhn9 = "9558801234567897";
      assertThat(BankCardDetector.passesLuhn(luhn9)).isTrue();
      assertThat(mask("银行卡号" + luhn9)).isEqualTo("银行卡号[BANK_CARD_1]");
      assertThat(mask("编号" + luhn9)).isEqualTo("编号" + luhn9);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "4111111111111112", // Luhn fails
          "0000 0000 0000 0000", // Luhn passes, placeholder
          "6222 0212 3456" // too short
        })
    void shouldRejectInvalidCardNumbers(String text) {
      assertThat(mask(text)).isEqualTo(text);
    }
  }

  @Nested
  class OrderNumbersAndOtherTraps {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "订单2024051812345还没发货",
          "我的订单号是2024051812343", // Luhn-valid, but issuer 2 and order context
          "order #2024051812345 has not shipped",
          "Order number: 4111111111111111", // Luhn-valid Visa shape, called an order number
          "订单号：13812345678", // a mobile shape, called an order number
          "运单号 773012345678908",
          "快递单号4312345678903",
          "tracking number 4312345678903",
          "SF1234567890123 到哪了",
          "YT1234567890123",
          "JD0012345678901 还没到",
          "发票号码 6212261202011584340",
          "单号 440304199003071230"
        })
    void shouldKeepOrderAndTrackingNumbersVisible(String text) {
      assertThat(mask(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "2024051812345",
          "2024051812343", // Luhn-valid, issuer 2 with 13 digits
          "773012345678908", // ZTO-style, Luhn-valid, issuer 7
          "202405181234567890",
          "20240518",
          "2024-05-18 13:45 下单",
          "2024/05/18",
          "价格¥1388.00，优惠价1288",
          "$1,299.99 for 2 units",
          "型号RX-7000和RTX-4090",
          "iPhone 15 Pro Max 256GB",
          "尺码 38 39 40 41 42",
          "重量 12345678 克",
          "3.5mm 耳机孔",
          "第1234567位顾客",
          "SKU 100012345678"
        })
    void shouldNotMaskDatesPricesModelsAndCodes(String text) {
      assertThat(mask(text)).isEqualTo(text);
    }

    @Test
    void shouldMaskAmbiguousBareLuhnNumberWithCardIssuer() {
      // Documented trade-off: a bare 13-digit Luhn-valid number starting with 4 looks exactly like
      // a
      // Visa card; without an order/tracking word in front it is masked (masking errs on privacy).
      assertThat(mask("4312345678903")).isEqualTo("[BANK_CARD_1]");
    }
  }

  @Nested
  class Placeholders {

    @Test
    void shouldNumberPlaceholdersPerTypeInOrderOfAppearance() {
      // Given two phones, two e-mails, an ID and a card
      String text =
          "手机13812345678，备用15912345678，邮箱a@qq.com和b@163.com，"
              + "身份证11010519491231002X，卡号6222021234567890128";

      // When
      MaskedText masked = MASKER.mask(text);

      // Then
      assertThat(masked.text())
          .isEqualTo(
              "手机[PHONE_1]，备用[PHONE_2]，邮箱[EMAIL_1]和[EMAIL_2]，身份证[ID_CARD_1]，卡号[BANK_CARD_1]");
      assertThat(masked.types())
          .containsExactly(PiiType.PHONE, PiiType.EMAIL, PiiType.ID_CARD, PiiType.BANK_CARD);
      assertThat(masked.mapping().original("[PHONE_2]")).contains("15912345678");
      assertThat(masked.mapping().original("[EMAIL_2]")).contains("b@163.com");
      assertThat(masked.mapping().placeholders())
          .containsExactly(
              "[PHONE_1]", "[PHONE_2]", "[EMAIL_1]", "[EMAIL_2]", "[ID_CARD_1]", "[BANK_CARD_1]");
    }

    @Test
    void shouldGiveTheSameValueTheSamePlaceholderEvenWhenSpelledDifferently() {
      MaskedText masked = MASKER.mask("打13812345678或者+86 138 1234 5678都行，邮箱A@QQ.com就是a@qq.com");

      assertThat(masked.text()).isEqualTo("打[PHONE_1]或者[PHONE_1]都行，邮箱[EMAIL_1]就是[EMAIL_1]");
      assertThat(masked.mapping().size()).isEqualTo(2);
      assertThat(masked.mapping().original("[PHONE_1]")).contains("13812345678");
    }

    @Test
    void shouldPreferTheEmailWhenADigitRunIsItsLocalPart() {
      MaskedText masked = MASKER.mask("13812345678@163.com");

      assertThat(masked.text()).isEqualTo("[EMAIL_1]");
      assertThat(masked.types()).containsExactly(PiiType.EMAIL);
    }

    @Test
    void shouldRestoreOriginalsIntoAReply() {
      MaskedText masked = MASKER.mask("我的手机13812345678，邮箱a@qq.com");

      String reply = "好的，我们会致电[PHONE_1]并发邮件到[EMAIL_1]，[PHONE_9]不存在。";

      assertThat(masked.mapping().restore(reply))
          .isEqualTo("好的，我们会致电13812345678并发邮件到a@qq.com，[PHONE_9]不存在。");
    }

    @Test
    void shouldRedactValuesInToString() {
      MaskedText masked = MASKER.mask("手机13812345678 邮箱a@qq.com 卡号6222021234567890128");

      assertThat(masked.mapping().toString())
          .contains("[PHONE_1]")
          .doesNotContain("13812345678")
          .doesNotContain("a@qq.com")
          .doesNotContain("6222021234567890128");
      assertThat(masked.toString())
          .doesNotContain("13812345678")
          .doesNotContain("a@qq.com")
          .doesNotContain("6222021234567890128");
    }

    @Test
    void shouldReturnTextUnchangedWithoutPii() {
      MaskedText masked = MASKER.mask("请问这件衣服有L码吗？");

      assertThat(masked.text()).isEqualTo("请问这件衣服有L码吗？");
      assertThat(masked.hasPii()).isFalse();
      assertThat(masked.mapping().isEmpty()).isTrue();
    }
  }

  @Test
  void shouldRejectUnknownPhoneRegion() {
    assertThatThrownBy(() -> new PiiConfig(List.of("XX"), false, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XX");
  }
}
