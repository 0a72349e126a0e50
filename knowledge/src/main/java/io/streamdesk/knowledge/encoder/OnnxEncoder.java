package io.streamdesk.knowledge.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BERT-style sentence encoder on ONNX Runtime with a Hugging Face tokenizer: tokenise (truncated
 * to the model's limit), pad the batch to its longest text with an attention mask, run the graph
 * once, pool per {@link Pooling}, L2-normalise.
 *
 * <p>Thread-safe: ONNX Runtime sessions and the native tokenizer accept concurrent calls. Texts
 * beyond {@link EncoderConfig#maxBatchSize()} are sorted by length before batching so that short
 * texts are not padded to long ones; results keep the caller's order.
 */
public final class OnnxEncoder implements Encoder {

  private static final Logger log = LoggerFactory.getLogger(OnnxEncoder.class);

  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";

  private final ModelSpec spec;
  private final EncoderConfig config;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean feedsTokenTypes;
  private final String outputName;
  private final ExecutionProvider provider;
  private final int dimension;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OnnxEncoder(
      ModelSpec spec,
      EncoderConfig config,
      OrtEnvironment env,
      OrtSession session,
      HuggingFaceTokenizer tokenizer,
      ExecutionProvider provider)
      throws OrtException {
    this.spec = spec;
    this.config = config;
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.provider = provider;
    var inputs = session.getInputNames();
    if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
      throw new EncoderException(
          "model " + spec.name() + " must take input_ids and attention_mask, takes " + inputs);
    }
    this.feedsTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    this.outputName =
        outputs.containsKey("last_hidden_state")
            ? "last_hidden_state"
            : outputs.keySet().iterator().next();
    this.dimension = probeDimension(outputs.get(outputName));
  }

  /** Loads a catalogued model with default settings. */
  public static OnnxEncoder open(String catalogueName) {
    return open(ModelCatalogue.require(catalogueName), EncoderConfig.defaults());
  }

  /**
   * Loads a model.
   *
   * @throws EncoderException naming the model and the reason when it cannot be loaded
   */
  public static OnnxEncoder open(ModelSpec spec, EncoderConfig config) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(config, "config");
    long start = System.nanoTime();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    HuggingFaceTokenizer tokenizer = null;
    OrtSession session = null;
    try {
      tokenizer = loadTokenizer(spec);
      byte[] model = spec.source().readModel();
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (config.intraOpThreads() > 0) {
          options.setIntraOpNumThreads(config.intraOpThreads());
        }
        ExecutionProvider provider = selectProvider(options, config, spec.name());
        session = env.createSession(model, options);
        OnnxEncoder encoder = new OnnxEncoder(spec, config, env, session, tokenizer, provider);
        log.info(
            "Encoder {} loaded from {} in {} ms: dimension {}, {} pooling, max {} tokens,"
                + " provider {}, intra-op threads {}",
            spec.name(),
            spec.source().describe(),
            (System.nanoTime() - start) / 1_000_000,
            encoder.dimension,
            spec.pooling(),
            spec.maxTokens(),
            provider,
            config.intraOpThreads() == 0 ? "all" : config.intraOpThreads());
        return encoder;
      }
    } catch (IOException | OrtException | RuntimeException e) {
      closeQuietly(session, tokenizer);
      if (e instanceof EncoderException ee) {
        throw ee;
      }
      throw new EncoderException(
          "cannot load model " + spec.name() + " from " + spec.source().describe() + ": " + e, e);
    }
  }

  private static HuggingFaceTokenizer loadTokenizer(ModelSpec spec) throws IOException {
    Map<String, String> options = new HashMap<>();
    options.put("maxLength", Integer.toString(spec.maxTokens()));
    options.put("truncation", "true");
    // Pads a batch to its longest member; the attention mask marks the padding.
    options.put("padding", "true");
    options.put("addSpecialTokens", "true");
    try (InputStream in = spec.source().openTokenizer()) {
      return HuggingFaceTokenizer.newInstance(in, options);
    }
  }

  private static ExecutionProvider selectProvider(
      OrtSession.SessionOptions options, EncoderConfig config, String model) throws OrtException {
    if (config.provider() == ExecutionProvider.CPU) {
      return ExecutionProvider.CPU;
    }
    boolean cudaBuild = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    if (!cudaBuild) {
      if (config.provider() == ExecutionProvider.CUDA) {
        throw new EncoderException(
            "model "
                + model
                + ": CUDA requested but this ONNX Runtime build has no CUDA provider"
                + " (build with -Pgpu for onnxruntime_gpu)");
      }
      log.info("Encoder {}: CPU provider (this ONNX Runtime build has no CUDA provider)", model);
      return ExecutionProvider.CPU;
    }
    try {
      options.addCUDA(config.cudaDevice());
      return ExecutionProvider.CUDA;
    } catch (OrtException | UnsatisfiedLinkError e) {
      if (config.provider() == ExecutionProvider.CUDA) {
        throw new EncoderException(
            "model " + model + ": CUDA device " + config.cudaDevice() + " unusable: " + e, e);
      }
      log.warn(
          "Encoder {}: CUDA provider present but unusable ({}); falling back to CPU", model, e);
      return ExecutionProvider.CPU;
    }
  }

  private int probeDimension(NodeInfo output) {
    if (output.getInfo() instanceof TensorInfo info) {
      long[] shape = info.getShape();
      long last = shape[shape.length - 1];
      if (last > 0) {
        return (int) last;
      }
    }
    return runBatch(List.of("dimension probe")).get(0).length;
  }

  @Override
  public String modelId() {
    return spec.name();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** The model this encoder runs. */
  public ModelSpec spec() {
    return spec;
  }

  /** The execution provider chosen at load time. */
  public ExecutionProvider executionProvider() {
    return provider;
  }

  @Override
  public float[] embed(String text) {
    Objects.requireNonNull(text, "text");
    return runBatch(List.of(text)).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    if (texts.isEmpty()) {
      return List.of();
    }
    int batch = config.maxBatchSize();
    if (texts.size() <= batch) {
      return runBatch(texts);
    }
    Integer[] order = new Integer[texts.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
    float[][] out = new float[texts.size()][];
    for (int from = 0; from < order.length; from += batch) {
      int to = Math.min(order.length, from + batch);
      List<String> slice = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        slice.add(texts.get(order[i]));
      }
      List<float[]> vectors = runBatch(slice);
      for (int i = from; i < to; i++) {
        out[order[i]] = vectors.get(i - from);
      }
    }
    return Arrays.asList(out);
  }

  private List<float[]> runBatch(List<String> texts) {
    if (closed.get()) {
      throw new IllegalStateException("encoder " + spec.name() + " is closed");
    }
    for (String t : texts) {
      Objects.requireNonNull(t, "texts must not contain null");
    }
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int rows = encodings.length;
    int tokens = encodings[0].getIds().length;
    long[] ids = new long[rows * tokens];
    long[] mask = new long[rows * tokens];
    long[] types = new long[rows * tokens];
    for (int r = 0; r < rows; r++) {
      Encoding e = encodings[r];
      if (e.getIds().length != tokens) {
        throw new EncoderException("tokenizer of " + spec.name() + " did not pad the batch");
      }
      System.arraycopy(e.getIds(), 0, ids, r * tokens, tokens);
      System.arraycopy(e.getAttentionMask(), 0, mask, r * tokens, tokens);
      System.arraycopy(e.getTypeIds(), 0, types, r * tokens, tokens);
    }
    long[] shape = {rows, tokens};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (feedsTokenTypes) {
        inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        OnnxTensor output = (OnnxTensor) result.get(outputName).orElseThrow();
        return pool(output, rows, tokens, mask);
      }
    } catch (OrtException e) {
      throw new EncoderException("model " + spec.name() + " failed on a batch of " + rows, e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private List<float[]> pool(OnnxTensor output, int rows, int tokens, long[] mask) {
    long[] shape = output.getInfo().getShape();
    FloatBuffer states = output.getFloatBuffer();
    List<float[]> vectors = new ArrayList<>(rows);
    if (shape.length == 2) {
      // The graph already pools (a sentence-embedding export).
      int hidden = (int) shape[1];
      for (int r = 0; r < rows; r++) {
        float[] v = new float[hidden];
        states.get(r * hidden, v, 0, hidden);
        vectors.add(Vectors.normalize(v));
      }
      return vectors;
    }
    int hidden = (int) shape[2];
    long[] rowMask = new long[tokens];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(mask, r * tokens, rowMask, 0, tokens);
      vectors.add(Vectors.normalize(spec.pooling().pool(states, r, tokens, hidden, rowMask)));
    }
    return vectors;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(session, tokenizer);
    }
  }

  private static void closeQuietly(OrtSession session, HuggingFaceTokenizer tokenizer) {
    if (session != null) {
      try {
        session.close();
      } catch (OrtException e) {
        log.warn("closing ONNX session failed", e);
      }
    }
    if (tokenizer != null) {
      tokenizer.close();
    }
  }

  @Override
  public String toString() {
    return "OnnxEncoder[" + spec.name() + ", " + dimension + "d, " + provider + "]";
  }
}
