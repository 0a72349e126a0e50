package io.streamdesk.kb.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.streamdesk.knowledge.encoder.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference for the encoder's overhead: the plainest use of ONNX Runtime and the same tokenizer
 * on the same model and session options, written as the libraries' documentation shows (Java arrays
 * in, {@code getValue()} out, first-token pooling, normalisation), with none of the encoder's
 * checks, batching or buffer handling.
 */
final class PlainOnnxSession implements AutoCloseable {

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean tokenTypes;

  PlainOnnxSession(ModelSpec spec) throws IOException, OrtException {
    try (InputStream in = spec.source().openTokenizer()) {
      tokenizer =
          HuggingFaceTokenizer.newInstance(
              in,
              Map.of(
                  "maxLength", Integer.toString(spec.maxTokens()),
                  "truncation", "true",
                  "padding", "true"));
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(spec.source().readModel(), options);
    }
    tokenTypes = session.getInputNames().contains("token_type_ids");
  }

  /** Embeds the texts in one run (CLS pooling, as BGE). */
  float[][] embed(List<String> texts) throws OrtException {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    long[][] ids = new long[encodings.length][];
    long[][] mask = new long[encodings.length][];
    long[][] types = new long[encodings.length][];
    for (int i = 0; i < encodings.length; i++) {
      ids[i] = encodings[i].getIds();
      mask[i] = encodings[i].getAttentionMask();
      types[i] = encodings[i].getTypeIds();
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
      if (tokenTypes) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, types));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        float[][][] states = (float[][][]) result.get(0).getValue();
        float[][] out = new float[states.length][];
        for (int i = 0; i < states.length; i++) {
          float[] cls = states[i][0];
          double norm = 0;
          for (float x : cls) {
            norm += x * x;
          }
          float inv = (float) (1 / Math.sqrt(norm));
          for (int d = 0; d < cls.length; d++) {
            cls[d] *= inv;
          }
          out[i] = cls;
        }
        return out;
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
    tokenizer.close();
  }
}
