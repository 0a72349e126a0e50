package io.streamdesk.intent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.PolicyAction;
import io.streamdesk.schemas.events.PolicyHit;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveWordFilterTest {

  private static final SensitiveWordFilter FILTER =
      new SensitiveWordFilter(SensitiveWordConfig.defaults());

  @Nested
  class Categories {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "你们客服是傻逼吗|你们客服是**吗",
          "他媽的怎么还没到|***怎么还没到",
          "what the fuck is this|what the **** is this",
          "WTF, where is my parcel|***, where is my parcel",
          "ｆｕｃｋ this shop|**** this shop",
          "you idiot|you *****"
        })
    void shouldMaskProfanityAndLetTheConversationGoOn(String text, String masked) {
      PolicyScan scan = FILTER.scan(text);

      assertThat(scan.maskedText()).isEqualTo(masked);
      assertThat(scan.hits())
          .containsExactly(
              new CategoryHit("profanity", PolicyAction.MASK, HandoffPriority.NORMAL, 1));
      assertThat(scan.suggestedAction()).contains(PolicyAction.MASK);
    }

    @Test
    void shouldCountEveryMatchedWordOfACategory() {
      PolicyScan scan = FILTER.scan("傻逼傻逼，fuck you and your bullshit");

      assertThat(scan.hits()).singleElement().extracting(CategoryHit::count).isEqualTo(4);
      // The library reports the first complete entry ("fuck"), not the longer "fuck you"
      assertThat(scan.maskedText()).isEqualTo("****，**** you and your ********");
    }

    @ParameterizedTest
    @ValueSource(strings = {"再不退款我就炸了你们公司", "I will kill you", "等着，我找人打你"})
    void shouldHandThreatsToAHuman(String text) {
      PolicyScan scan = FILTER.scan(text);

      assertThat(scan.suggestedAction()).contains(PolicyAction.HANDOFF);
      assertThat(scan.strongest()).get().extracting(CategoryHit::category).isEqualTo("violence");
      assertThat(scan.handoffPriority()).contains(HandoffPriority.HIGH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"钱没了我真的不想活了", "I want to end my life", "被骗了想自杀"})
    void shouldHandSelfHarmToAHumanUrgently(String text) {
      PolicyScan scan = FILTER.scan(text);

      assertThat(scan.strongest()).get().extracting(CategoryHit::category).isEqualTo("self_harm");
      assertThat(scan.handoffPriority()).contains(HandoffPriority.URGENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"能帮我代开发票吗", "can you make a fake invoice", "你们聊聊法轮功吧"})
    void shouldRefuseFraudAndPolitics(String text) {
      assertThat(FILTER.scan(text).suggestedAction()).contains(PolicyAction.REFUSE);
    }

    @Test
    void shouldSuggestTheStrictestActionAcrossCategories() {
      // Given profanity (MASK), fraud (REFUSE) and a threat (HANDOFF) in one message
      PolicyScan scan = FILTER.scan("傻逼，不给我代开发票就杀了你");

      assertThat(scan.hits())
          .extracting(CategoryHit::category)
          .containsExactlyInAnyOrder("profanity", "fraud", "violence");
      assertThat(scan.suggestedAction()).contains(PolicyAction.HANDOFF);
      assertThat(scan.maskedText()).isEqualTo("**，不给我****就***");
    }

    @Test
    void shouldConvertHitsToTheAvroContract() {
      CategoryHit hit = new CategoryHit("fraud", PolicyAction.REFUSE, HandoffPriority.NORMAL, 2);

      assertThat(hit.toAvro())
          .isEqualTo(
              PolicyHit.newBuilder()
                  .setCategory("fraud")
                  .setAction(PolicyAction.REFUSE)
                  .setCount(2)
                  .build());
    }
  }

  @Nested
  class FalsePositiveTraps {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "我要退款",
          "我要投诉",
          "给你们差评",
          "退货退款怎么操作",
          "能开发票吗",
          "跳楼价甩卖还有货吗",
          "政府补贴怎么领",
          "有没有成人尺码",
          "这款内衣有黑色吗",
          "想死你了，终于到货了",
          "笑死我了这个包装",
          "妈妈的生日礼物",
          "中央空调多少钱",
          "冰糖雪梨饮料有吗",
          "上门安装要收费吗",
          "这个鸡肉是冷冻的吗",
          "帮我查一下物流",
          "优惠券用不了",
          "性价比怎么样",
          "我想买一台电视机"
        })
    void shouldNotFlagOrdinaryChineseShopPhrases(String text) {
      assertThat(FILTER.scan(text).hits()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "kill the subscription",
          "please cancel my subscription",
          "this deal is a killer price",
          "the battery died after a week",
          "I'm dying to know when it ships",
          "shoot me an email when it is back",
          "it's a steal at that price",
          "do you sell a blow dryer",
          "my class starts at 9, deliver before",
          "assessment of the damage",
          "Scunthorpe store opening hours",
          "is the shitake mushroom fresh",
          "sexy dress in size M",
          "chicken and duck sauce",
          "what gender is this shirt for",
          "I want to complain about the service"
        })
    void shouldNotFlagOrdinaryEnglishShopPhrases(String text) {
      assertThat(FILTER.scan(text).hits()).isEmpty();
    }

    @Test
    void shouldFlagADenyWordOutsideTheAllowedPhrase() {
      // 跳楼价 is allowed; 跳楼 alone is still self-harm
      assertThat(FILTER.scan("跳楼价").hits()).isEmpty();
      assertThat(FILTER.scan("我要去跳楼").hits())
          .extracting(CategoryHit::category)
          .containsExactly("self_harm");
    }

    @Test
    void shouldNeverMatchInsidePlaceholders(@TempDir Path dir) throws IOException {
      // Given a list that denies the word "phone"
      Files.writeString(dir.resolve("gadget.txt"), "phone\n");
      SensitiveWordFilter filter =
          new SensitiveWordFilter(SensitiveWordConfig.defaults(), WordLists.load(List.of(dir)));

      // Then the placeholder survives and the free word is masked
      PolicyScan scan = filter.scan("call [PHONE_1] about the phone");

      assertThat(scan.maskedText()).isEqualTo("call [PHONE_1] about the *****");
      assertThat(scan.hits()).singleElement().extracting(CategoryHit::count).isEqualTo(1);
    }
  }

  @Nested
  class UserListsAndPolicies {

    @Test
    void shouldLoadUserListsAndApplyTheirPolicy(@TempDir Path dir) throws IOException {
      // Given a competitor list, an allow list, and a policy that hands competitor talk to a human
      Files.writeString(dir.resolve("competitor.txt"), "# rivals\nAcmeMart\n优品汇\n\n");
      Files.writeString(dir.resolve("allow-brands.txt"), "优品汇总\n");
      SensitiveWordConfig config =
          SensitiveWordConfig.defaults()
              .withWordListPaths(List.of(dir))
              .withPolicy("competitor", CategoryPolicy.parse("handoff:low"));

      // When
      SensitiveWordFilter filter = new SensitiveWordFilter(config);

      // Then
      PolicyScan scan = filter.scan("acmemart 比你们便宜，优品汇也是");
      assertThat(scan.maskedText()).isEqualTo("******** 比你们便宜，***也是");
      assertThat(scan.hits())
          .containsExactly(
              new CategoryHit("competitor", PolicyAction.HANDOFF, HandoffPriority.LOW, 2));
      assertThat(filter.scan("订单优品汇总一下").hits()).isEmpty();
      assertThat(filter.scan("傻逼").hits()).isNotEmpty(); // defaults still loaded
    }

    @Test
    void shouldUseTheDefaultPolicyForUnnamedCategories() {
      SensitiveWordFilter filter =
          new SensitiveWordFilter(
              SensitiveWordConfig.defaults(),
              WordLists.of(Map.of("spam", Set.of("加微信")), Set.of()));

      assertThat(filter.scan("加微信领红包").hits())
          .containsExactly(new CategoryHit("spam", PolicyAction.MASK, HandoffPriority.NORMAL, 1));
    }

    @Test
    void shouldScanNothingWithoutWords() {
      SensitiveWordFilter filter =
          new SensitiveWordFilter(SensitiveWordConfig.defaults(), WordLists.empty());

      assertThat(filter.scan("傻逼").hits()).isEmpty();
      assertThat(filter.scan("").maskedText()).isEmpty();
    }

    @Test
    void shouldParsePolicies() {
      assertThat(CategoryPolicy.parse("REFUSE"))
          .isEqualTo(new CategoryPolicy(PolicyAction.REFUSE, HandoffPriority.NORMAL));
      assertThat(CategoryPolicy.parse(" handoff : urgent "))
          .isEqualTo(new CategoryPolicy(PolicyAction.HANDOFF, HandoffPriority.URGENT));
      assertThatThrownBy(() -> CategoryPolicy.parse("BLOCK"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[MASK, REFUSE, HANDOFF]");
      assertThatThrownBy(() -> CategoryPolicy.parse("HANDOFF:NOW"))
          .hasMessageContaining("[LOW, NORMAL, HIGH, URGENT]");
    }
  }

  @Nested
  class BadInput {

    @Test
    void shouldRejectAMissingFile(@TempDir Path dir) {
      Path missing = dir.resolve("nope.txt");

      assertThatThrownBy(() -> WordLists.load(List.of(missing)))
          .isInstanceOf(WordListException.class)
          .hasMessageContaining(missing.toString());
    }

    @Test
    void shouldRejectABadCategoryName(@TempDir Path dir) throws IOException {
      Path file = Files.writeString(dir.resolve("Bad Name.txt"), "x\n");

      assertThatThrownBy(() -> WordLists.load(List.of(file)))
          .isInstanceOf(WordListException.class)
          .hasMessageContaining("Bad Name");
    }

    @Test
    void shouldRejectAFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("gbk.txt");
      Files.write(file, "傻瓜".getBytes(Charset.forName("GBK")));

      assertThatThrownBy(() -> WordLists.load(List.of(file)))
          .isInstanceOf(WordListException.class)
          .hasMessageContaining("UTF-8");
    }

    @Test
    void shouldRejectOverlongEntriesWithTheLineNumber(@TempDir Path dir) throws IOException {
      Path file = Files.writeString(dir.resolve("long.txt"), "ok\n" + "x".repeat(65) + "\n");

      assertThatThrownBy(() -> WordLists.load(List.of(file)))
          .isInstanceOf(WordListException.class)
          .hasMessageContaining("long.txt:2");
    }

    @Test
    void shouldStripAByteOrderMark(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("bom.txt");
      Files.write(file, "\uFEFF坏词\n".getBytes(StandardCharsets.UTF_8));

      assertThat(WordLists.load(List.of(file)).deny().get("bom")).containsExactly("坏词");
    }

    @Test
    void shouldRejectABadPolicyCategory() {
      assertThatThrownBy(
              () ->
                  SensitiveWordConfig.defaults()
                      .withPolicy("Profanity!", CategoryPolicy.of(PolicyAction.MASK)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Profanity!");
    }
  }

  @Nested
  class BuiltInDictionaryMapping {

    @Test
    void shouldMapTheLibraryTagsToCategories() {
      // Given the library's tagged dictionary
      SensitiveWordFilter filter =
          new SensitiveWordFilter(
              SensitiveWordConfig.defaults().withBuiltInDictionary(BuiltInDictionary.TAGGED),
              BuiltInDictionary.TAGGED.words());

      // Then its numeric tags arrive as named categories with their policies
      assertThat(filter.categories()).contains("politics", "drugs", "porn", "gambling", "illegal");
      assertThat(filter.scan("哪里能买到冰毒").hits())
          .extracting(CategoryHit::category, CategoryHit::action)
          .contains(tuple("drugs", PolicyAction.REFUSE));
      assertThat(filter.scan("网上赌博").hits())
          .extracting(CategoryHit::category)
          .containsExactly("gambling");
      // and the untagged entries (chicken, 上门) are left out
      assertThat(filter.scan("上门安装 chicken").hits()).isEmpty();
    }
  }
}
