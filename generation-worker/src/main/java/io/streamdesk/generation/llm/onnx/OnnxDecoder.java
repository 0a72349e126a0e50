package io.streamdesk.generation.llm.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One forward pass of a decoder exported in Hugging Face Optimum's {@code
 * text-generation-with-past} layout: inputs {@code input_ids}, {@code attention_mask}, {@code
 * position_ids} (optional in older exports) and {@code past_key_values.{i}.key/.value}; outputs
 * {@code logits} and {@code present.{i}.key/.value} of shape [batch, kv_heads, seq, head_dim].
 *
 * <p>The logits land in a buffer this class owns and reuses (a pre-allocated ONNX Runtime output),
 * so reading them costs no copy; the present tensors stay owned by ONNX Runtime and become the next
 * step's past. Not thread-safe: one engine thread drives it.
 */
final class OnnxDecoder implements AutoCloseable {

  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String POSITION_IDS = "position_ids";
  static final String LOGITS = "logits";

  /** Logits of a forward pass, valid until the next pass, and the grown cache. */
  record Output(FloatBuffer logits, KvCache cache) {}

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HfModelConfig model;
  private final int vocab;
  private final List<String> pastNames = new ArrayList<>();
  private final List<String> presentNames = new ArrayList<>();
  private final Set<String> requestedOutputs;
  private final boolean hasPositionIds;
  private ByteBuffer logitsBuffer = ByteBuffer.allocateDirect(0);

  OnnxDecoder(OrtEnvironment env, OrtSession session, HfModelConfig model, Path dir)
      throws OrtException {
    this.env = env;
    this.session = session;
    this.model = model;
    for (int i = 0; i < model.numLayers(); i++) {
      for (String kind : List.of("key", "value")) {
        pastNames.add("past_key_values." + i + "." + kind);
        presentNames.add("present." + i + "." + kind);
      }
    }
    Map<String, NodeInfo> inputs = session.getInputInfo();
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    List<String> missing = new ArrayList<>();
    for (String name : concat(List.of(INPUT_IDS, ATTENTION_MASK), pastNames)) {
      if (!inputs.containsKey(name)) {
        missing.add("input " + name);
      }
    }
    for (String name : concat(List.of(LOGITS), presentNames)) {
      if (!outputs.containsKey(name)) {
        missing.add("output " + name);
      }
    }
    if (!missing.isEmpty()) {
      throw new ModelDirectoryException(
          dir,
          "model.onnx is not a text-generation-with-past export for "
              + model.numLayers()
              + " layers; missing "
              + missing);
    }
    checkCacheShape(dir, inputs.get(pastNames.getFirst()));
    this.hasPositionIds = inputs.containsKey(POSITION_IDS);
    this.vocab = vocabSize(outputs.get(LOGITS));
    this.requestedOutputs = new LinkedHashSet<>(presentNames);
  }

  HfModelConfig model() {
    return model;
  }

  /** Logits per position: the model's vocabulary size (may exceed the tokenizer's). */
  int vocab() {
    return vocab;
  }

  OrtEnvironment env() {
    return env;
  }

  /**
   * Runs {@code rows} sequences of {@code cols} new tokens each on top of {@code past}.
   *
   * @param ids new token ids, rows x cols, row-major
   * @param mask rows x (past.length() + cols): 1 for real tokens, 0 for padding
   * @param positions rows x cols position ids
   */
  Output forward(int rows, int cols, long[] ids, long[] mask, long[] positions, KvCache past)
      throws OrtException {
    int total = past.length() + cols;
    Map<String, OnnxTensorLike> inputs = new HashMap<>();
    List<OnnxTensor> owned = new ArrayList<>(4);
    try {
      inputs.put(INPUT_IDS, track(owned, longs(ids, rows, cols)));
      inputs.put(ATTENTION_MASK, track(owned, longs(mask, rows, total)));
      if (hasPositionIds) {
        inputs.put(POSITION_IDS, track(owned, longs(positions, rows, cols)));
      }
      for (int i = 0; i < pastNames.size(); i++) {
        inputs.put(pastNames.get(i), past.tensor(i));
      }
      FloatBuffer logits = logitsView(rows * cols * vocab);
      OnnxTensor logitsTensor =
          track(owned, OnnxTensor.createTensor(env, logits, new long[] {rows, cols, vocab}));
      OrtSession.Result result =
          session.run(inputs, requestedOutputs, Map.of(LOGITS, logitsTensor));
      return new Output(logits, KvCache.ofResult(result, presentNames, rows, total));
    } finally {
      owned.forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("closing the ONNX session failed", e);
    }
  }

  private OnnxTensor longs(long[] values, int rows, int cols) throws OrtException {
    return OnnxTensor.createTensor(
        env, LongBuffer.wrap(values, 0, rows * cols), new long[] {rows, cols});
  }

  private FloatBuffer logitsView(int floats) {
    if (logitsBuffer.capacity() < floats * Float.BYTES) {
      logitsBuffer = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
    }
    return logitsBuffer.asFloatBuffer().limit(floats);
  }

  private void checkCacheShape(Path dir, NodeInfo past) {
    if (past.getInfo() instanceof TensorInfo info && info.getShape().length == 4) {
      long heads = info.getShape()[1];
      long dim = info.getShape()[3];
      if ((heads > 0 && heads != model.numKvHeads()) || (dim > 0 && dim != model.headDim())) {
        throw new ModelDirectoryException(
            dir,
            "model.onnx caches "
                + heads
                + " KV heads of size "
                + dim
                + " but config.json says "
                + model.numKvHeads()
                + " of size "
                + model.headDim());
      }
    }
  }

  private int vocabSize(NodeInfo logits) {
    if (logits.getInfo() instanceof TensorInfo info
        && info.getShape().length == 3
        && info.getShape()[2] > 0) {
      return (int) info.getShape()[2];
    }
    return model.vocabSize();
  }

  private static <T extends AutoCloseable> T track(List<? super T> owned, T value) {
    owned.add(value);
    return value;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
