package io.streamdesk.intent.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.intent.policy.BuiltInDictionary;
import io.streamdesk.intent.policy.CategoryPolicy;
import io.streamdesk.intent.policy.HandoffSignal;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.PolicyAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TextPipelineTest {

  private static final TextPipeline PIPELINE = TextPipeline.withDefaults();

  @Nested
  class EndToEnd {

    @Test
    void shouldNormaliseMaskAndFilterInOneCall() {
      // Given a full-width, zero-width-sprinkled angry message with PII and an order number
      String raw = "订单号：２０２４０５１８１２３４５ 还没发货！！\u200B傻逼客服，" + "手机１３８ １２３４ ５６７８，邮箱ｌｉｌｅｉ＠ｑｑ．ｃｏｍ";

      // When
      TextAnalysis result = PIPELINE.process(raw);

      // Then
      assertThat(result.maskedText())
          .isEqualTo("订单号：2024051812345 还没发货！！**客服，手机[PHONE_1]，邮箱[EMAIL_1]");
      assertThat(result.normalizedText()).contains("138 1234 5678");
      assertThat(result.piiTypes()).containsExactly(PiiType.PHONE, PiiType.EMAIL);
      assertThat(result.piiTypeNames()).containsExactly("PHONE", "EMAIL");
      assertThat(result.piiMapping().original("[EMAIL_1]")).contains("lilei@qq.com");
      assertThat(result.policyHits()).extracting(h -> h.category()).containsExactly("profanity");
      assertThat(result.suggestedAction()).contains(PolicyAction.MASK);
      assertThat(result.truncated()).isFalse();
      assertThat(result.handoff().shouldHandOff()).isFalse();
    }

    @Test
    void shouldSeeComplaintWordsBeforeTheyAreStarred() {
      // Given 骗子 is both complaint wording and (if a user lists it) a deny word
      TextAnalysis result = PIPELINE.process("你们这帮骗子，我要打12315，电话13812345678");

      assertThat(result.handoff().reason()).contains(HandoffReason.COMPLAINT);
      assertThat(result.handoff().priority()).contains(HandoffPriority.URGENT);
      HandoffSignal signal = result.handoff().primary().orElseThrow();
      assertThat(signal.detail()).contains("骗子").contains("12315").doesNotContain("13812345678");
    }

    @Test
    void shouldRaisePolicyHandoffs() {
      TextAnalysis result = PIPELINE.process("再不退款我就炸了你们公司");

      assertThat(result.suggestedAction()).contains(PolicyAction.HANDOFF);
      assertThat(result.handoff().reason()).contains(HandoffReason.POLICY);
      assertThat(result.handoff().priority()).contains(HandoffPriority.HIGH);
      // the library reports the first complete entry (炸了你们), not the longer 炸了你们公司
      assertThat(result.maskedText()).isEqualTo("再不退款我就****公司");
    }

    @Test
    void shouldRecogniseARequestForAHuman() {
      TextAnalysis result = PIPELINE.process("Ｉ　ｗａｎｔ　ａ　ｈｕｍａｎ， not a bot");

      assertThat(result.maskedText()).isEqualTo("I want a human， not a bot");
      assertThat(result.handoff().reason()).contains(HandoffReason.USER_REQUEST);
    }

    @Test
    void shouldReportTruncation() {
      TextPipeline small = new TextPipeline(TextPipelineConfig.defaults().withMaxChars(20));

      TextAnalysis result = small.process("我的手机是13812345678，" + "请尽快联系我".repeat(10));

      assertThat(result.truncated()).isTrue();
      assertThat(result.originalLength()).isEqualTo(77);
      assertThat(result.maskedText()).startsWith("我的手机是[PHONE_1]，");
    }

    @Test
    void shouldLeaveAnOrdinaryMessageAlone() {
      TextAnalysis result = PIPELINE.process("这件衣服有没有大一号的？谢谢");

      assertThat(result.maskedText()).isEqualTo("这件衣服有没有大一号的？谢谢");
      assertThat(result.piiTypes()).isEmpty();
      assertThat(result.policyHits()).isEmpty();
      assertThat(result.suggestedAction()).isEmpty();
      assertThat(result.handoff().shouldHandOff()).isFalse();
    }

    @Test
    void shouldKeepPersonalDataOutOfToString() {
      TextAnalysis result = PIPELINE.process("卡号6222021234567890128 手机13812345678 a@qq.com");

      assertThat(result.toString())
          .contains("[BANK_CARD_1]")
          .doesNotContain("6222021234567890128")
          .doesNotContain("13812345678")
          .doesNotContain("a@qq.com");
    }

    @Test
    void shouldSurviveAdversarialInputOnASmallStack() throws Exception {
      // Given max-length inputs built to make regexes backtrack or recurse (long e-mail domains,
      // digit runs, repeated keywords), processed on a thread with a quarter of the usual stack
      List<String> inputs =
          List.of(
              "a@" + "a.".repeat(1999),
              "a".repeat(3999) + ":",
              "1".repeat(4000),
              "138 ".repeat(1000),
              "fe80:".repeat(800),
              "agent ".repeat(700),
              "人工".repeat(2000),
              "骗子".repeat(2000),
              "13812345678，".repeat(333));
      List<TextAnalysis> results = new ArrayList<>();
      List<Throwable> failures = new ArrayList<>();
      Thread worker =
          new Thread(
              null,
              () -> {
                try {
                  inputs.forEach(i -> results.add(PIPELINE.process(i)));
                } catch (Throwable t) {
                  failures.add(t);
                }
              },
              "small-stack",
              256 * 1024);

      // When
      worker.start();
      worker.join();

      // Then every input was processed, none crashed the thread
      assertThat(failures).isEmpty();
      assertThat(results).hasSize(inputs.size());
      assertThat(results.get(8).maskedText()).startsWith("[PHONE_1]，[PHONE_1]，");
    }

    @Test
    void shouldRejectNull() {
      assertThatThrownBy(() -> PIPELINE.process(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Nested
  class Configuration {

    @Test
    void shouldReadPropertiesWithDefaults() {
      // Given a few settings and an unrelated key
      TextPipelineConfig config =
          TextPipelineConfig.fromProperties(
              Map.of(
                  "text.max-chars", "2000",
                  "text.pii.phone-regions", "CN, HK",
                  "text.policy.category.competitor", "handoff:low",
                  "text.policy.category.spam", "REFUSE",
                  "text.handoff.complaint-threshold", "4",
                  "kafka.bootstrap.servers", "ignored:9092"));

      // Then
      assertThat(config.maxChars()).isEqualTo(2000);
      assertThat(config.pii().phoneRegions()).containsExactly("CN", "HK");
      assertThat(config.pii().maskServiceNumbers()).isFalse();
      assertThat(config.words().builtInDictionary()).isEqualTo(BuiltInDictionary.NONE);
      assertThat(config.words().policyFor("competitor"))
          .isEqualTo(new CategoryPolicy(PolicyAction.HANDOFF, HandoffPriority.LOW));
      assertThat(config.words().policyFor("spam"))
          .isEqualTo(CategoryPolicy.of(PolicyAction.REFUSE));
      assertThat(config.words().policyFor("self_harm").action()).isEqualTo(PolicyAction.HANDOFF);
      assertThat(config.handoff().complaintThreshold()).isEqualTo(4);
    }

    @Test
    void shouldReadPathsAndDictionaryChoice() {
      TextPipelineConfig config =
          TextPipelineConfig.fromProperties(
              Map.of(
                  "text.policy.builtin", "tagged",
                  "text.policy.word-lists", "/etc/sd/policy, /etc/sd/extra.txt",
                  "text.policy.default-lists", "false"));

      assertThat(config.words().builtInDictionary()).isEqualTo(BuiltInDictionary.TAGGED);
      assertThat(config.words().wordListPaths())
          .containsExactly(Path.of("/etc/sd/policy"), Path.of("/etc/sd/extra.txt"));
      assertThat(config.words().includeDefaultLists()).isFalse();
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
      assertThatThrownBy(() -> TextPipelineConfig.fromProperties(Map.of("text.max-chars", "lots")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("text.max-chars");
      assertThatThrownBy(() -> TextPipelineConfig.fromProperties(Map.of("text.max-chars", "0")))
          .hasMessageContaining("text.max-chars");
      assertThatThrownBy(
              () -> TextPipelineConfig.fromProperties(Map.of("text.pii.legacy-id-cards", "yes")))
          .hasMessageContaining("text.pii.legacy-id-cards");
      assertThatThrownBy(
              () -> TextPipelineConfig.fromProperties(Map.of("text.policy.category.x", "BAN")))
          .hasMessageContaining("text.policy.category.x");
      assertThatThrownBy(
              () -> TextPipelineConfig.fromProperties(Map.of("text.policy.builtin", "x")))
          .hasMessageContaining("text.policy.builtin");
      assertThatThrownBy(
              () -> TextPipelineConfig.fromProperties(Map.of("text.pii.phone-regions", "ZZZ")))
          .hasMessageContaining("ZZZ");
    }

    @Test
    void shouldRejectUnknownTextKeys() {
      assertThatThrownBy(() -> TextPipelineConfig.fromProperties(Map.of("text.max-char", "10")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("text.max-char")
          .hasMessageContaining("text.max-chars");
    }

    @Test
    void shouldFailClearlyOnAMissingWordList() {
      TextPipelineConfig config =
          TextPipelineConfig.fromProperties(Map.of("text.policy.word-lists", "/no/such/list.txt"));

      assertThatThrownBy(() -> new TextPipeline(config)).hasMessageContaining("/no/such/list.txt");
    }
  }

  @Nested
  class Throughput {

    private static final Pattern RAW_MOBILE = Pattern.compile("1[3-9]\\d{9}");

    @Test
    void shouldProcessTenThousandMixedMessages() {
      // Given 10,000 varied zh/en messages (no timing is asserted: see the text-bench command)
      List<String> messages = MessageCorpus.generate(10_000);

      // When
      int withPii = 0;
      int withHits = 0;
      int handoffs = 0;
      for (String message : messages) {
        TextAnalysis result = PIPELINE.process(message);
        // Then no raw mobile number survives masking
        assertThat(RAW_MOBILE.matcher(result.maskedText()).find())
            .as("masked: %s", result.maskedText())
            .isFalse();
        withPii += result.piiTypes().isEmpty() ? 0 : 1;
        withHits += result.policyHits().isEmpty() ? 0 : 1;
        handoffs += result.handoff().shouldHandOff() ? 1 : 0;
      }
      assertThat(withPii).isBetween(2_000, 8_000);
      assertThat(withHits).isPositive();
      assertThat(handoffs).isPositive();
    }

    @Test
    void shouldGiveTheSameResultsFromManyThreads() throws Exception {
      // Given
      List<String> messages = MessageCorpus.generate(1_000);
      List<String> expected = messages.stream().map(m -> PIPELINE.process(m).toString()).toList();

      // When three threads process the same messages concurrently
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          futures.add(
              pool.submit(
                  () -> messages.stream().map(m -> PIPELINE.process(m).toString()).toList()));
        }
        // Then every thread sees exactly the single-threaded results
        for (Future<List<String>> f : futures) {
          assertThat(f.get()).isEqualTo(expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
