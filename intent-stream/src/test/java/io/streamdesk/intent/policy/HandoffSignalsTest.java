package io.streamdesk.intent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.PolicyAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandoffSignalsTest {

  private static final HandoffSignals SIGNALS = HandoffSignals.withDefaults();

  @Nested
  class UserRequest {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "转人工",
          "人工",
          "人工！！",
          "真人客服",
          "帮我转接人工客服",
          "我要找人工",
          "找客服",
          "叫你们经理出来",
          "换个真人跟我说",
          "有人工吗",
          "有没有人工客服",
          "人工客服在吗",
          "你是机器人吗？我要人工",
          "我不要机器人，听不懂",
          "請幫我轉人工",
          "我要找真人客服",
          "换个人",
          "机器人听不懂，要人",
          "请把我转给售后的同事",
          "我要跟客服专员说话",
          "我想找工作人员，不是机器人",
          "人工在线客服怎么找",
          "能给我打个电话吗，打字说不清楚"
        })
    void shouldRecogniseChineseRequestsForAHuman(String text) {
      assertThat(SIGNALS.userRequest(text))
          .get()
          .extracting(HandoffSignal::reason, HandoffSignal::priority)
          .containsExactly(HandoffReason.USER_REQUEST, HandoffPriority.NORMAL);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Can I talk to a human?",
          "I want to speak to a real person",
          "agent",
          "Agent please",
          "representative",
          "transfer me to a live agent",
          "connect me with customer service",
          "I need a human",
          "get me a supervisor now",
          "human agent please",
          "I want to escalate this",
          "stop the bot and let me talk to someone",
          "I don't want to talk to a bot",
          "are you a bot? I want a human",
          "Have an agent call me back",
          "Transfer to an agent please, it's urgent",
          "Is there a human available?",
          "agent please, thanks",
          "I can't explain this to a bot, person please",
          "I insist on speaking to a person"
        })
    void shouldRecogniseEnglishRequestsForAHuman(String text) {
      assertThat(SIGNALS.userRequest(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "你是真人吗",
          "你是机器人吗？",
          "是人工吗",
          "是不是人工客服",
          "你是真人还是机器人",
          "不用转人工了，谢谢",
          "不需要人工",
          "人工费多少钱",
          "需要人工安装吗",
          "这是人工智能吗",
          "真人秀门票",
          "客服电话是多少",
          "找客服电话",
          "人工服务费怎么算",
          "Is this a human?",
          "are you a real person?",
          "Am I talking to a bot or an agent?",
          "is it automated",
          "I don't need an agent",
          "no need to talk to a human, thanks",
          "my travel agent booked it",
          "I need a person to sign for the parcel",
          "the user agent string is wrong",
          "the human body lotion is great",
          "I have a person at home who can receive it",
          "am i speaking with ai or a real, live person",
          "could you be a real person",
          "can you act and think like a real person",
          "help me find someone to look at my check engine light",
          "inform carl that he is an awful human being",
          "你们客服怎么回事，问了三遍都没人回",
          "这款主要人群是谁",
          "人民币可以换人民币吗"
        })
    void shouldNotTreatQuestionsNegationsAndOtherSensesAsRequests(String text) {
      assertThat(SIGNALS.userRequest(text)).isEmpty();
    }
  }

  @Nested
  class Complaint {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "你们就是骗子",
          "你們這些騙子",
          "我要投诉你们，太垃圾了",
          "黑心商家",
          "This is a scam",
          "worst service ever, totally unacceptable",
          "I got ripped off"
        })
    void shouldFireOnStrongNegativeWording(String text) {
      assertThat(SIGNALS.complaint(text))
          .get()
          .extracting(HandoffSignal::reason)
          .isEqualTo(HandoffReason.COMPLAINT);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "再不处理我就打12315",
          "我要去消协投诉",
          "我已经找律师了",
          "准备起诉你们",
          "I will contact my lawyer",
          "I'm reporting you to the Better Business Bureau",
          "see you in court"
        })
    void shouldMakeLegalAndRegulatorThreatsUrgent(String text) {
      assertThat(SIGNALS.complaint(text))
          .get()
          .extracting(HandoffSignal::priority)
          .isEqualTo(HandoffPriority.URGENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"不解决我就网上曝光你们", "I'll post this on social media"})
    void shouldMakeMediaThreatsHigh(String text) {
      assertThat(SIGNALS.complaint(text))
          .get()
          .extracting(HandoffSignal::priority)
          .isEqualTo(HandoffPriority.HIGH);
    }

    @Test
    void shouldRaisePriorityWithTheScore() {
      // 骗子 3 + 黑心 3 = 6
      assertThat(SIGNALS.complaint("骗子！黑心商家！"))
          .get()
          .satisfies(
              s -> {
                assertThat(s.priority()).isEqualTo(HandoffPriority.HIGH);
                assertThat(s.detail()).contains("score 6").contains("骗子").contains("黑心");
              });
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "我要投诉", // mild: the classifier's complaint intent handles it
          "差评",
          "有点失望",
          "太垃圾了",
          "I want to make a complaint",
          "这不是骗子吧？",
          "this is not a scam, right?",
          "订单2024051812315到哪了", // 12315 inside an order number
          "家用报警器有货吗",
          "多媒体音箱",
          "相机曝光补偿怎么调",
          "scampi is out of stock",
          "I can't complain, it works",
          "Order no.: 2026-1108-12315 - any update?",
          "tell me a joke about a lawyer",
          "I want to report a fraudulent charge"
        })
    void shouldNotFireOnMildOrNegatedOrUnrelatedWording(String text) {
      assertThat(SIGNALS.complaint(text)).isEmpty();
    }

    @Test
    void shouldLoadAnExtraLexicon(@TempDir Path dir) throws IOException {
      Path extra = Files.writeString(dir.resolve("extra.txt"), "# ours\n3 NEGATIVE 太坑了\n");
      HandoffSignals signals = new HandoffSignals(new HandoffConfig(3, 6, List.of(extra)));

      assertThat(signals.complaint("太坑了吧")).isPresent();
      assertThat(SIGNALS.complaint("太坑了吧")).isEmpty();
    }

    @Test
    void shouldRejectMalformedLexicons(@TempDir Path dir) throws IOException {
      Path bad = Files.writeString(dir.resolve("bad.txt"), "3 ANGRY 太坑了\n");

      assertThatThrownBy(() -> new HandoffSignals(new HandoffConfig(3, 6, List.of(bad))))
          .isInstanceOf(WordListException.class)
          .hasMessageContaining("bad.txt:1")
          .hasMessageContaining("ANGRY");
    }

    @Test
    void shouldValidateThresholds() {
      assertThatThrownBy(() -> new HandoffConfig(0, 6, List.of()))
          .hasMessageContaining("threshold");
      assertThatThrownBy(() -> new HandoffConfig(5, 4, List.of()))
          .hasMessageContaining("high-priority");
    }
  }

  @Nested
  class Assessment {

    @Test
    void shouldReportPolicyHandoffsWithTheirPriority() {
      PolicyScan scan =
          new PolicyScan(
              "***",
              List.of(
                  new CategoryHit("profanity", PolicyAction.MASK, HandoffPriority.NORMAL, 1),
                  new CategoryHit("self_harm", PolicyAction.HANDOFF, HandoffPriority.URGENT, 1)));

      HandoffAssessment assessment = SIGNALS.assess("我不想活了", scan);

      assertThat(assessment.reason()).contains(HandoffReason.POLICY);
      assertThat(assessment.priority()).contains(HandoffPriority.URGENT);
      assertThat(assessment.primary().orElseThrow().detail()).contains("self_harm (1)");
    }

    @Test
    void shouldPickTheMostUrgentSignal() {
      // Given a request for a human and a regulator threat
      HandoffAssessment assessment = SIGNALS.assess("转人工！不然我打12315", null);

      assertThat(assessment.signals())
          .extracting(HandoffSignal::reason)
          .containsExactly(HandoffReason.USER_REQUEST, HandoffReason.COMPLAINT);
      assertThat(assessment.reason()).contains(HandoffReason.COMPLAINT);
      assertThat(assessment.priority()).contains(HandoffPriority.URGENT);
    }

    @Test
    void shouldPreferComplaintOverRequestAtEqualPriority() {
      HandoffAssessment assessment = SIGNALS.assess("骗子，转人工", null);

      assertThat(assessment.reason()).contains(HandoffReason.COMPLAINT);
    }

    @Test
    void shouldReportNothingForAnOrdinaryMessage() {
      HandoffAssessment assessment = SIGNALS.assess("我的快递到哪了？", null);

      assertThat(assessment.shouldHandOff()).isFalse();
      assertThat(assessment.primary()).isEmpty();
    }
  }
}
