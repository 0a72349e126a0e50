package io.streamdesk.knowledge.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads two real models once for the whole class (loading is the slow part): the fp32 English BGE
 * with a small batch size, so that {@code embedAll} exercises its length-sorted multi-batch path,
 * and the int8 Chinese BGE.
 */
class OnnxEncoderTest {

  private static OnnxEncoder english;
  private static OnnxEncoder chinese;

  @BeforeAll
  static void loadModels() {
    english =
        OnnxEncoder.open(
            ModelCatalogue.require(ModelCatalogue.BGE_SMALL_EN),
            EncoderConfig.defaults().withMaxBatchSize(4).withProvider(ExecutionProvider.CPU));
    chinese = OnnxEncoder.open(ModelCatalogue.BGE_SMALL_ZH_Q);
  }

  @AfterAll
  static void close() {
    english.close();
    chinese.close();
  }

  @Test
  void shouldReturnUnitVectorsOfTheModelsDimension() {
    float[] v = english.embed("Where is my parcel?");

    assertThat(english.dimension()).isEqualTo(384);
    assertThat(v).hasSize(384);
    assertThat(Vectors.dot(v, v)).isCloseTo(1.0, within(1e-5));
    assertThat(chinese.dimension()).isEqualTo(512);
    assertThat(english.executionProvider()).isEqualTo(ExecutionProvider.CPU);
  }

  @Test
  void shouldPlaceParaphrasesCloserThanUnrelatedSentences() {
    List<float[]> en =
        english.embedAll(
            List.of(
                "How do I reset my password?",
                "I forgot my password, how can I change it?",
                "What is the weather like in Paris tomorrow?"));
    List<float[]> zh = chinese.embedAll(List.of("怎么修改登录密码？", "我忘记密码了，如何重置？", "明天北京的天气怎么样？"));

    assertThat(Vectors.dot(en.get(0), en.get(1)))
        .isGreaterThan(Vectors.dot(en.get(0), en.get(2)) + 0.3);
    assertThat(Vectors.dot(zh.get(0), zh.get(1)))
        .isGreaterThan(Vectors.dot(zh.get(0), zh.get(2)) + 0.1);
  }

  @Test
  void shouldEmbedABatchLikeOneTextAtATimeInInputOrder() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      texts.add("order " + i + " was " + "delayed again and again ".repeat(i % 4) + "in transit");
    }

    List<float[]> batched = english.embedAll(texts);

    assertThat(batched).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      float[] single = english.embed(texts.get(i));
      for (int d = 0; d < single.length; d++) {
        assertThat(batched.get(i)[d]).isCloseTo(single[d], within(1e-4f));
      }
    }
  }

  @Test
  void shouldKeepQuantisedBatchesCloseToSingleRuns() {
    // int8 dynamic quantisation scales activations per batch, so batches agree only approximately.
    List<String> texts = List.of("订单什么时候发货？", "退款多久到账", "会员积分怎么使用？发票怎么开？");

    List<float[]> batched = chinese.embedAll(texts);

    for (int i = 0; i < texts.size(); i++) {
      assertThat(Vectors.dot(batched.get(i), chinese.embed(texts.get(i)))).isGreaterThan(0.98);
    }
  }

  @Test
  void shouldTruncateTextsLongerThanTheModelLimit() {
    float[] v = english.embed("refund ".repeat(5_000));

    assertThat(v).hasSize(384);
    assertThat(Vectors.dot(v, v)).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void shouldGiveTheSameVectorsUnderConcurrentCalls() throws Exception {
    List<String> texts = List.of("invoice", "warranty claim", "change delivery address", "refund");
    List<float[]> expected = texts.stream().map(english::embed).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<float[]>> calls = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (String t : texts) {
          calls.add(() -> english.embed(t));
        }
      }
      List<Future<float[]>> results = pool.invokeAll(calls);
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get())
            .containsExactly(expected.get(i % texts.size()), within(1e-5f));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldReturnNothingForNoTexts() {
    assertThat(english.embedAll(List.of())).isEmpty();
  }

  @Test
  void shouldNameTheMissingFileWhenADirectoryHoldsNoModel(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    ModelSpec spec = ModelSpec.fromDirectory("custom", dir, Pooling.MEAN, 128, "en");

    assertThatThrownBy(() -> OnnxEncoder.open(spec, EncoderConfig.defaults()))
        .isInstanceOf(EncoderException.class)
        .hasMessageContaining("custom")
        .hasMessageContaining("tokenizer.json");
  }
}
