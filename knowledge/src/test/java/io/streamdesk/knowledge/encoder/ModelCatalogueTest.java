package io.streamdesk.knowledge.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelCatalogueTest {

  @Test
  void shouldCatalogueTheShippedModelsWithTheirPooling() {
    assertThat(ModelCatalogue.names())
        .containsExactly(
            "bge-small-zh-v15",
            "bge-small-zh-v15-q",
            "bge-small-en-v15",
            "bge-small-en-v15-q",
            "all-minilm-l6-v2");
    assertThat(ModelCatalogue.require("bge-small-en-v15").pooling()).isEqualTo(Pooling.CLS);
    assertThat(ModelCatalogue.require("all-minilm-l6-v2").pooling()).isEqualTo(Pooling.MEAN);
    assertThat(ModelCatalogue.require("bge-small-zh-v15-q").language()).isEqualTo("zh");
  }

  @Test
  void shouldFindEveryCataloguedModelOnTheClasspath() {
    for (String name : ModelCatalogue.names()) {
      ModelSource.Classpath source = (ModelSource.Classpath) ModelCatalogue.require(name).source();
      assertThat(getClass().getClassLoader().getResource(source.modelResource()))
          .as(name)
          .isNotNull();
      assertThat(getClass().getClassLoader().getResource(source.tokenizerResource()))
          .as(name)
          .isNotNull();
    }
  }

  @Test
  void shouldListKnownModelsWhenANameIsUnknown() {
    assertThatThrownBy(() -> ModelCatalogue.require("gpt-5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gpt-5")
        .hasMessageContaining("bge-small-en-v15");
  }
}
