package io.streamdesk.knowledge.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.knowledge.encoder.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageRouterTest {

  /** A real, tiny encoder: one-hot vector of the model name's index, enough to see the routing. */
  private record FixedEncoder(String modelId, List<String> closed) implements Encoder {
    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public float[] embed(String text) {
      return modelId.contains("zh") ? new float[] {1, 0} : new float[] {0, 1};
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      return texts.stream().map(this::embed).toList();
    }

    @Override
    public void close() {
      closed.add(modelId);
    }
  }

  private final List<String> loaded = new ArrayList<>();
  private final List<String> closed = new ArrayList<>();

  private LanguageRouter router(RoutingConfig config) {
    return new LanguageRouter(
        new ScriptLanguageDetector(),
        config,
        model -> {
          loaded.add(model);
          return new FixedEncoder(model, closed);
        });
  }

  @Test
  void shouldExposeTheRoutingItApplies() {
    RoutingConfig config = RoutingConfig.parse("zh=bge-small-zh-v15,en=bge-small-en-v15", "zh");

    try (LanguageRouter router = router(config)) {
      assertThat(router.config()).isEqualTo(config);
      assertThat(router.config().modelFor("fr")).isEqualTo("bge-small-zh-v15");
    }
  }

  @Test
  void shouldEmbedEachLanguageWithItsModel() {
    try (LanguageRouter router = router(RoutingConfig.defaults())) {
      LanguageRouter.RoutedEmbedding zh = router.embed("怎么申请退款？");
      LanguageRouter.RoutedEmbedding en = router.embed("How do I get a refund?");

      assertThat(zh.language()).isEqualTo("zh");
      assertThat(zh.modelId()).isEqualTo("bge-small-zh-v15-q");
      assertThat(zh.vector()).containsExactly(1, 0);
      assertThat(en.language()).isEqualTo("en");
      assertThat(en.modelId()).isEqualTo("bge-small-en-v15-q");
    }
  }

  @Test
  void shouldRouteUnconfiguredAndUndeterminedLanguagesToTheFallback() {
    try (LanguageRouter router = router(RoutingConfig.defaults())) {
      assertThat(router.languageOf("注文はいつ届きますか")).isEqualTo("en");
      assertThat(router.languageOf("12345")).isEqualTo("en");
      assertThat(router.resolve("fr")).isEqualTo("en");
    }
  }

  @Test
  void shouldLoadEachModelOnceAndCloseIt() {
    RoutingConfig shared = new RoutingConfig(Map.of("zh", "m-zh", "en", "m-zh"), "zh");
    try (LanguageRouter router = router(shared)) {
      router.embed("退款");
      router.embed("refund");
      router.embed("退款");
    }

    assertThat(loaded).containsExactly("m-zh");
    assertThat(closed).containsExactly("m-zh");
  }

  @Test
  void shouldParseTheConfigFormAndRejectAFallbackWithoutModel() {
    RoutingConfig parsed = RoutingConfig.parse("zh=bge-small-zh-v15, en=bge-small-en-v15", "zh");

    assertThat(parsed.modelFor("en")).isEqualTo("bge-small-en-v15");
    assertThat(parsed.modelFor("ko")).isEqualTo("bge-small-zh-v15");
    assertThatThrownBy(() -> RoutingConfig.parse("zh=bge-small-zh-v15", "en"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fallback language 'en'");
    assertThatThrownBy(() -> RoutingConfig.parse("zh", "zh"))
        .hasMessageContaining("language=model");
  }
}
