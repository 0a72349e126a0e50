package io.streamdesk.knowledge.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class PoolingTest {

  // Two rows, three tokens, hidden size 2: row 1's last token is padding.
  private static final FloatBuffer STATES =
      FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5, 6, /* row 1 */ 7, 8, 9, 10, 100, 100});

  @Test
  void shouldTakeTheFirstTokenForClsPooling() {
    assertThat(Pooling.CLS.pool(STATES, 1, 3, 2, new long[] {1, 1, 0})).containsExactly(7, 8);
  }

  @Test
  void shouldAverageOnlyUnmaskedTokensForMeanPooling() {
    assertThat(Pooling.MEAN.pool(STATES, 0, 3, 2, new long[] {1, 1, 1})).containsExactly(3, 4);
    assertThat(Pooling.MEAN.pool(STATES, 1, 3, 2, new long[] {1, 1, 0})).containsExactly(8, 9);
  }

  @Test
  void shouldNormaliseToUnitLength() {
    float[] v = Vectors.normalize(new float[] {3, 4});

    assertThat(v).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
    assertThat(Vectors.normalize(new float[] {0, 0})).containsExactly(0, 0);
  }

  @Test
  void shouldComputeCosineOfUnnormalisedVectors() {
    assertThat(Vectors.cosine(new float[] {1, 0}, new float[] {5, 5}))
        .isCloseTo(Math.sqrt(0.5), within(1e-9));
  }
}
