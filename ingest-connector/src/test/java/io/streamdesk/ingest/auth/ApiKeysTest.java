package io.streamdesk.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void shouldAuthenticateKeyAsItsChannelWithoutExposingTheKey() {
    String key = ApiKeys.generate();
    ApiKeys keys =
        new ApiKeys(
            List.of(ApiKeyEntry.of("app", ApiKeys.generate()), ApiKeyEntry.of("wecom", key)));

    Caller caller = keys.authenticate(key).orElseThrow();

    assertThat(caller.channel()).isEqualTo("wecom");
    assertThat(caller.kind()).isEqualTo(Caller.Kind.API_KEY);
    assertThat(caller.principal()).isEqualTo("key:wecom#1").doesNotContain(key);
    assertThat(caller.mayAccess("any-conversation")).isTrue();
  }

  @Test
  void shouldRejectUnknownEmptyAndOverlongKeys() {
    ApiKeys keys = new ApiKeys(List.of(ApiKeyEntry.of("app", "sdk_right")));

    assertThat(keys.authenticate("sdk_wrong")).isEmpty();
    assertThat(keys.authenticate("")).isEmpty();
    assertThat(keys.authenticate(null)).isEmpty();
    assertThat(keys.authenticate("x".repeat(ApiKeys.MAX_KEY_LENGTH + 1))).isEmpty();
  }

  @Test
  void shouldRoundTripEntriesThroughTheirConfigForm() {
    ApiKeyEntry entry = ApiKeyEntry.of("app", "sdk_secret");

    ApiKeyEntry parsed = ApiKeyEntry.parse(entry.format());

    assertThat(parsed).isEqualTo(entry);
    assertThat(entry.format()).startsWith("app:sha256:").hasSize("app:sha256:".length() + 64);
    assertThat(entry.format()).doesNotContain("sdk_secret");
  }

  @Test
  void shouldNotEchoAMistakenPlainKeyInTheParseError() {
    assertThatThrownBy(() -> ApiKeyEntry.parse("app:sdk_plain-key-pasted-by-mistake"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("sdk_plain");
    assertThat(ApiKeyEntry.VALIDATOR.check(List.of("app:sha256:abc"))).isPresent();
    assertThat(ApiKeyEntry.VALIDATOR.check(List.of(ApiKeyEntry.of("app", "k").format()))).isEmpty();
  }

  @Test
  void shouldGenerateDistinct256BitKeys() {
    String a = ApiKeys.generate();
    String b = ApiKeys.generate();

    assertThat(a).startsWith("sdk_").hasSize(4 + 43).isNotEqualTo(b);
  }
}
