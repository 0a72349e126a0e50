package io.streamdesk.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubmissionRulesTest {

  private final SubmissionRules rules = new SubmissionRules(10);

  private static Submission text(String text) {
    return new Submission(Optional.empty(), text, Optional.empty(), Optional.empty(), Map.of());
  }

  private static int statusOf(Submission s, SubmissionRules rules) {
    try {
      rules.check(s, "text", "conversationId");
      return 200;
    } catch (ApiProblem p) {
      return p.status();
    }
  }

  @Test
  void shouldCountCodePointsAgainstTheLimit() {
    assertThat(statusOf(text("😀".repeat(10)), rules)).isEqualTo(200);
    assertThat(statusOf(text("订".repeat(11)), rules)).isEqualTo(413);
  }

  @Test
  void shouldNameTheMissingOrBlankField() {
    assertThatThrownBy(() -> rules.check(text(null), "user_query", "conversation_id"))
        .hasMessage("user_query is required");
    assertThatThrownBy(() -> rules.check(text("  "), "text", "conversationId"))
        .hasMessage("text must not be blank");
  }

  @Test
  void shouldRefuseUnsafeConversationIdsAndBadLocales() {
    Submission badId =
        new Submission(Optional.of("a/b"), "hi", Optional.empty(), Optional.empty(), Map.of());
    Submission badLocale =
        new Submission(
            Optional.empty(), "hi", Optional.of("not a locale"), Optional.empty(), Map.of());

    assertThat(statusOf(badId, rules)).isEqualTo(400);
    assertThat(statusOf(badLocale, rules)).isEqualTo(400);
  }

  @Test
  void shouldBoundMetadata() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 33; i++) {
      many.put("k" + i, "v");
    }
    Submission tooMany =
        new Submission(Optional.empty(), "hi", Optional.empty(), Optional.empty(), many);
    Submission fine =
        new Submission(
            Optional.empty(), "hi", Optional.empty(), Optional.empty(), Map.of("page", "/cart"));

    assertThat(statusOf(tooMany, rules)).isEqualTo(400);
    assertThatNoException().isThrownBy(() -> rules.check(fine, "text", "conversationId"));
  }

  @Test
  void shouldTakeTheFirstLanguageOfAcceptLanguage() {
    assertThat(SubmissionRules.localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"))
        .contains("zh-CN");
    assertThat(SubmissionRules.localeFromAcceptLanguage("*")).isEmpty();
    assertThat(SubmissionRules.localeFromAcceptLanguage(null)).isEmpty();
    assertThat(SubmissionRules.localeFromAcceptLanguage(";;;")).isEmpty();
  }

  @Test
  void shouldFingerprintEqualSubmissionsEquallyWhateverTheMetadataOrder() {
    Map<String, String> ab = new java.util.LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new java.util.LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    Submission one = new Submission(Optional.of("c"), "hi", Optional.empty(), Optional.empty(), ab);
    Submission two = new Submission(Optional.of("c"), "hi", Optional.empty(), Optional.empty(), ba);

    assertThat(one.fingerprint("/v1/messages")).isEqualTo(two.fingerprint("/v1/messages"));
    assertThat(one.fingerprint("/v1/messages")).isNotEqualTo(one.fingerprint("/api/query"));
  }
}
