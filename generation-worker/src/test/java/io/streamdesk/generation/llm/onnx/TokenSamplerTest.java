package io.streamdesk.generation.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.generation.llm.SamplingParams;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

  private static final float[] LOGITS = {1.0f, 3.0f, 2.9f, -1.0f, 0.5f};

  @Test
  void shouldPickTheArgmaxWhenGreedy() {
    TokenSampler sampler = new TokenSampler(SamplingParams.greedy(10), new long[0]);

    assertThat(next(sampler)).isEqualTo(1);
  }

  @Test
  void shouldPenaliseTokensAlreadySeen() {
    // Token 1 is in the prompt: 3.0 / 1.1 < 2.9, so token 2 wins
    TokenSampler sampler =
        new TokenSampler(SamplingParams.greedy(10).withRepetitionPenalty(1.1), new long[] {1});

    assertThat(next(sampler)).isEqualTo(2);
    // Now 2 is seen too: 2.9 / 1.1 = 2.64 and 3.0 / 1.1 = 2.73, so 1 wins again
    assertThat(next(sampler)).isEqualTo(1);
  }

  @Test
  void shouldOnlyDrawFromTheTopKTokens() {
    SamplingParams params =
        SamplingParams.defaults().withTemperature(5).withTopK(2).withRepetitionPenalty(1);

    IntStream.range(0, 200)
        .forEach(
            seed ->
                assertThat(next(new TokenSampler(params.withSeed((long) seed), new long[0])))
                    .isIn(1L, 2L));
  }

  @Test
  void shouldOnlyDrawFromTheNucleus() {
    // At temperature 1, tokens 1 and 2 hold about 84% of the mass: top-p 0.8 keeps just them
    SamplingParams params =
        SamplingParams.defaults().withTemperature(1).withTopP(0.8).withRepetitionPenalty(1);

    IntStream.range(0, 200)
        .forEach(
            seed ->
                assertThat(next(new TokenSampler(params.withSeed((long) seed), new long[0])))
                    .isIn(1L, 2L));
  }

  @Test
  void shouldSampleEveryTokenWithoutFilters() {
    SamplingParams params =
        SamplingParams.defaults().withTemperature(10).withTopP(1).withRepetitionPenalty(1);

    long distinct =
        IntStream.range(0, 300)
            .mapToLong(seed -> next(new TokenSampler(params.withSeed((long) seed), new long[0])))
            .distinct()
            .count();

    assertThat(distinct).isEqualTo(LOGITS.length);
  }

  @Test
  void shouldRepeatTheSameDrawsForTheSameSeed() {
    SamplingParams params = SamplingParams.defaults().withTemperature(2).withSeed(99L);
    TokenSampler a = new TokenSampler(params, new long[0]);
    TokenSampler b = new TokenSampler(params, new long[0]);

    for (int i = 0; i < 20; i++) {
      assertThat(next(a)).isEqualTo(next(b));
    }
  }

  private static long next(TokenSampler sampler) {
    return sampler.next(
        FloatBuffer.wrap(LOGITS), 0, LOGITS.length, new TokenSampler.Scratch(LOGITS.length));
  }
}
