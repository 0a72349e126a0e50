package io.streamdesk.knowledge.encoder;

import java.nio.FloatBuffer;

/**
 * How a model's token states {@code [batch, tokens, hidden]} become one sentence vector. BGE models
 * were trained to read the first ([CLS]) token; sentence-transformers models such as MiniLM average
 * the real (attention-masked) tokens.
 */
public enum Pooling {
  CLS {
    @Override
    float[] pool(FloatBuffer states, int row, int tokens, int hidden, long[] mask) {
      float[] out = new float[hidden];
      states.get(row * tokens * hidden, out, 0, hidden);
      return out;
    }
  },
  MEAN {
    @Override
    float[] pool(FloatBuffer states, int row, int tokens, int hidden, long[] mask) {
      float[] out = new float[hidden];
      int counted = 0;
      int rowStart = row * tokens * hidden;
      for (int t = 0; t < tokens; t++) {
        if (mask[t] == 0) {
          continue;
        }
        counted++;
        int offset = rowStart + t * hidden;
        for (int h = 0; h < hidden; h++) {
          out[h] += states.get(offset + h);
        }
      }
      if (counted > 0) {
        for (int h = 0; h < hidden; h++) {
          out[h] /= counted;
        }
      }
      return out;
    }
  };

  /**
   * Pools one row of a flattened {@code [batch, tokens, hidden]} tensor.
   *
   * @param mask the row's attention mask (1 = real token, 0 = padding), {@code tokens} long
   */
  abstract float[] pool(FloatBuffer states, int row, int tokens, int hidden, long[] mask);
}
