package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.knowledge.language.ScriptLanguageDetector;
import org.junit.jupiter.api.Test;

class LanguageResolverTest {

  // Only routing is exercised here; no encoder is ever loaded.
  private final LanguageRouter router =
      new LanguageRouter(
          new ScriptLanguageDetector(),
          RoutingConfig.defaults(),
          model -> {
            throw new AssertionError("no encoder should load");
          });
  private final LanguageResolver resolver =
      new LanguageResolver(new ScriptLanguageDetector(), router, 0.6);

  @Test
  void shouldFollowTheScriptOverTheLocale() {
    assertThat(resolver.languageOf("Where is my parcel?", "zh-CN")).isEqualTo("en");
    assertThat(resolver.languageOf("我的快递到哪了", "en-US")).isEqualTo("zh");
  }

  @Test
  void shouldUseTheLocaleWhenTheTextHasNoLetters() {
    assertThat(resolver.languageOf("12345678 ??", "zh-Hans-CN")).isEqualTo("zh");
    assertThat(resolver.languageOf("👍", "en_GB")).isEqualTo("en");
  }

  @Test
  void shouldFallBackWhenNeitherTextNorLocaleDecide() {
    assertThat(resolver.languageOf("12345678", null)).isEqualTo("en");
    assertThat(resolver.languageOf("12345678", "fr-FR")).isEqualTo("en");
    assertThat(resolver.languageOf("Привет", null)).isEqualTo("en");
  }

  @Test
  void shouldIgnorePiiPlaceholdersWhenDetecting() {
    // "[PHONE_1]" and "[EMAIL_1]" would add ten Latin letters to two Chinese characters
    assertThat(resolver.languageOf("电话[PHONE_1] [EMAIL_1]", null)).isEqualTo("zh");
  }

  @Test
  void shouldLetTheLocaleDecideMixedScriptText() {
    // Given roughly balanced Latin and Han weight
    String mixed = "iPhone Pro Max 有货吗";

    // Then a served locale decides, and without one the detector does
    assertThat(resolver.languageOf(mixed, "zh-CN")).isEqualTo("zh");
    assertThat(
            new LanguageResolver(new ScriptLanguageDetector(), router, 0)
                .languageOf(mixed, "zh-CN"))
        .isEqualTo(router.languageOf(mixed));
  }

  @Test
  void shouldRejectAThresholdOutsideZeroToOne() {
    assertThatThrownBy(() -> new LanguageResolver(new ScriptLanguageDetector(), router, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hintBelow");
  }
}
