package io.streamdesk.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FollowUpDetectorTest {

  private final FollowUpDetector detector = new FollowUpDetector(FollowUpSettings.defaults());

  @ParameterizedTest
  @ValueSource(strings = {"那银卡呢？", "那新疆这种偏远的地方呢？", "它充一次电能用多久？", "我家路由器只有5G频段，这样能用吗？", "保修期是几年？"})
  void shouldTakeAnaphoricOrShortChineseMessagesForFollowUps(String text) {
    assertThat(detector.isFollowUp("zh", text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "what about shipping?",
        "and the price?",
        "And how long is it under warranty?",
        "Gold?"
      })
  void shouldTakeAnaphoricOrShortEnglishMessagesForFollowUps(String text) {
    assertThat(detector.isFollowUp("en", text)).isTrue();
  }

  @Test
  void shouldLeaveSelfContainedQuestionsAlone() {
    assertThat(detector.isFollowUp("zh", "我们公司报销需要增值税专票，你们能开吗？")).isFalse();
    assertThat(detector.isFollowUp("en", "How long does delivery to Xinjiang take usually?"))
        .isFalse();
  }
}
