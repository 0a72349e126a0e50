package io.streamdesk.generation.llm.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attention key/value cache of a batch: per layer a key and a value tensor of shape [rows,
 * kv_heads, length, head_dim]. Each row's tokens are right-aligned (left padding), so a row of
 * {@code n} real tokens occupies the last {@code n} positions and the attention mask hides the
 * rest.
 *
 * <p>Between steps with the same rows the cache is the previous step's {@code present.*} outputs,
 * fed back as {@code past_key_values.*} without any copy. Only when rows join or leave is it
 * re-assembled into new buffers ({@link #assemble}).
 */
final class KvCache implements AutoCloseable {

  /** One row of a new cache: row {@code row} of {@code source}, keeping its last {@code tokens}. */
  record RowRef(KvCache source, int row, int tokens) {}

  private final OnnxTensor[] tensors;
  private final AutoCloseable owner;
  private final int rows;
  private final int length;

  private KvCache(OnnxTensor[] tensors, AutoCloseable owner, int rows, int length) {
    this.tensors = tensors;
    this.owner = owner;
    this.rows = rows;
    this.length = length;
  }

  /** A cache of {@code rows} rows and no tokens, for a prefill. */
  static KvCache empty(OrtEnvironment env, HfModelConfig model, int rows) throws OrtException {
    return allocate(env, model, rows, 0);
  }

  /** Wraps a run's present outputs; closing the cache closes the run's result. */
  static KvCache ofResult(
      OrtSession.Result result, List<String> presentNames, int rows, int length) {
    OnnxTensor[] tensors = new OnnxTensor[presentNames.size()];
    for (int i = 0; i < tensors.length; i++) {
      String name = presentNames.get(i);
      tensors[i] =
          (OnnxTensor)
              result
                  .get(name)
                  .orElseThrow(() -> new IllegalStateException("model did not return " + name));
    }
    return new KvCache(tensors, result, rows, length);
  }

  /**
   * A new cache of {@code length} positions whose rows are copied, right-aligned, from the given
   * rows of other caches (which stay open: the caller closes them).
   */
  static KvCache assemble(OrtEnvironment env, HfModelConfig model, List<RowRef> rowRefs, int length)
      throws OrtException {
    int heads = model.numKvHeads();
    int dim = model.headDim();
    FloatBuffer[] targets = buffers(model, rowRefs.size(), length);
    Map<KvCache, FloatBuffer[]> hostCopies = new IdentityHashMap<>();
    for (int r = 0; r < rowRefs.size(); r++) {
      RowRef ref = rowRefs.get(r);
      int srcLength = ref.source().length;
      if (ref.tokens() > length || ref.tokens() > srcLength) {
        throw new IllegalArgumentException(
            "row keeps "
                + ref.tokens()
                + " tokens; source holds "
                + srcLength
                + ", target "
                + length);
      }
      FloatBuffer[] sources = hostCopies.computeIfAbsent(ref.source(), KvCache::hostCopy);
      for (int t = 0; t < targets.length; t++) {
        for (int h = 0; h < heads; h++) {
          int from = ((ref.row() * heads + h) * srcLength + srcLength - ref.tokens()) * dim;
          int to = ((r * heads + h) * length + length - ref.tokens()) * dim;
          targets[t].put(to, sources[t], from, ref.tokens() * dim);
        }
      }
    }
    return wrap(env, model, targets, rowRefs.size(), length);
  }

  int rows() {
    return rows;
  }

  int length() {
    return length;
  }

  /**
   * The i-th cache tensor, in past_key_values order (layer 0 key, layer 0 value, layer 1 key...).
   */
  OnnxTensor tensor(int i) {
    return tensors[i];
  }

  int size() {
    return tensors.length;
  }

  @Override
  public void close() {
    if (owner != null) {
      try {
        owner.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a KV cache failed", e);
      }
    } else {
      for (OnnxTensor tensor : tensors) {
        tensor.close();
      }
    }
  }

  private FloatBuffer[] hostCopy() {
    FloatBuffer[] copies = new FloatBuffer[tensors.length];
    for (int i = 0; i < tensors.length; i++) {
      copies[i] = tensors[i].getFloatBuffer();
    }
    return copies;
  }

  private static KvCache allocate(OrtEnvironment env, HfModelConfig model, int rows, int length)
      throws OrtException {
    return wrap(env, model, buffers(model, rows, length), rows, length);
  }

  private static FloatBuffer[] buffers(HfModelConfig model, int rows, int length) {
    int floats = rows * model.numKvHeads() * length * model.headDim();
    FloatBuffer[] buffers = new FloatBuffer[2 * model.numLayers()];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] =
          ByteBuffer.allocateDirect(floats * Float.BYTES)
              .order(ByteOrder.nativeOrder())
              .asFloatBuffer();
    }
    return buffers;
  }

  /** Tensors over direct buffers: ONNX Runtime reads them in place, no copy. */
  private static KvCache wrap(
      OrtEnvironment env, HfModelConfig model, FloatBuffer[] buffers, int rows, int length)
      throws OrtException {
    long[] shape = {rows, model.numKvHeads(), length, model.headDim()};
    OnnxTensor[] tensors = new OnnxTensor[buffers.length];
    try {
      for (int i = 0; i < buffers.length; i++) {
        tensors[i] = OnnxTensor.createTensor(env, buffers[i], shape);
      }
    } catch (OrtException | RuntimeException e) {
      for (OnnxTensor tensor : tensors) {
        if (tensor != null) {
          tensor.close();
        }
      }
      throw e;
    }
    return new KvCache(tensors, null, rows, length);
  }
}
