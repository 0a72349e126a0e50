package io.streamdesk.generation.llm.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.ChatModel;
import io.streamdesk.generation.llm.GenerationException;
import io.streamdesk.generation.llm.GenerationRequest;
import io.streamdesk.generation.llm.GenerationResult;
import io.streamdesk.generation.llm.ModelInfo;
import io.streamdesk.generation.llm.StreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local LLM backend: a decoder-only model (Llama / Qwen2 family) exported with Hugging Face
 * Optimum ({@code text-generation-with-past}), run by ONNX Runtime on CPU or CUDA. The prompt is
 * the model's own chat template rendered over the conversation; decoding reuses the KV cache, and
 * concurrent requests are decoded together by a {@link DecodeEngine} (continuous batching).
 *
 * <p>Templating and tokenization run on the caller's thread; everything else on the engine's.
 */
public final class OnnxChatModel implements ChatModel {

  private static final Logger LOG = LoggerFactory.getLogger(OnnxChatModel.class);

  private final OnnxChatModelConfig config;
  private final HfModelConfig model;
  private final HfTokenizer tokenizer;
  private final ChatTemplate template;
  private final OnnxDecoder decoder;
  private final DecodeEngine engine;
  private final OnnxChatModelConfig.Device device;
  private volatile boolean closed;

  private OnnxChatModel(
      OnnxChatModelConfig config,
      HfModelConfig model,
      HfTokenizer tokenizer,
      ChatTemplate template,
      OnnxDecoder decoder,
      OnnxChatModelConfig.Device device) {
    this.config = config;
    this.model = model;
    this.tokenizer = tokenizer;
    this.template = template;
    this.decoder = decoder;
    this.device = device;
    this.engine =
        new DecodeEngine(decoder, config.modelId(), config.maxBatchSize(), config.maxQueued());
  }

  /**
   * Loads the model directory; throws {@link ModelDirectoryException} when it is incomplete or not
   * a supported export.
   */
  public static OnnxChatModel open(OnnxChatModelConfig config) {
    HfModelConfig model = HfModelConfig.load(config.modelDir());
    ChatTemplate template = ChatTemplate.load(config.modelDir());
    HfTokenizer tokenizer = HfTokenizer.load(config.modelDir());
    OnnxDecoder decoder = null;
    try {
      OrtEnvironment env = OrtEnvironments.get();
      SessionFactory.Opened opened = SessionFactory.open(env, config);
      try {
        decoder = new OnnxDecoder(env, opened.session(), model, config.modelDir());
      } catch (RuntimeException | OrtException e) {
        opened.session().close();
        throw e;
      }
      LOG.info(
          "loaded {} ({} layers, {} heads / {} KV heads, vocab {}, context {}) on {}",
          config.modelId(),
          model.numLayers(),
          model.numHeads(),
          model.numKvHeads(),
          decoder.vocab(),
          model.contextLength(),
          opened.device());
      return new OnnxChatModel(config, model, tokenizer, template, decoder, opened.device());
    } catch (OrtException e) {
      tokenizer.close();
      throw new ModelDirectoryException(
          config.modelDir(), "ONNX Runtime cannot load model.onnx", e);
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  @Override
  public CompletableFuture<GenerationResult> generate(
      GenerationRequest request, StreamListener listener) {
    return generateAll(List.of(request), r -> listener).getFirst();
  }

  @Override
  public List<CompletableFuture<GenerationResult>> generateAll(
      List<GenerationRequest> requests, Function<GenerationRequest, StreamListener> listeners) {
    long submitted = System.nanoTime();
    List<CompletableFuture<GenerationResult>> futures = new ArrayList<>(requests.size());
    List<Sequence> sequences = new ArrayList<>(requests.size());
    for (GenerationRequest request : requests) {
      CompletableFuture<GenerationResult> future = new CompletableFuture<>();
      futures.add(future);
      if (closed) {
        future.completeExceptionally(
            new GenerationException(request.requestId(), "model is closed"));
        continue;
      }
      try {
        sequences.add(sequence(request, listeners.apply(request), future, submitted));
      } catch (GenerationException e) {
        future.completeExceptionally(e);
      } catch (RuntimeException e) {
        future.completeExceptionally(
            new GenerationException(request.requestId(), "cannot prepare the prompt: " + e, e));
      }
    }
    if (!sequences.isEmpty()) {
      try {
        engine.submit(sequences);
      } catch (GenerationException e) {
        sequences.forEach(s -> s.future.completeExceptionally(e));
      }
    }
    return futures;
  }

  @Override
  public int countPromptTokens(List<ChatMessage> messages) {
    return tokenizer.encode(template.render(null, messages, true)).length;
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo(config.modelId(), model.contextLength());
  }

  /** The device forward passes run on (CPU after a CUDA fallback). */
  public OnnxChatModelConfig.Device device() {
    return device;
  }

  /** Batching counters since the model was opened. */
  public EngineStats stats() {
    return engine.stats();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    engine.close();
    decoder.close();
    tokenizer.close();
  }

  private Sequence sequence(
      GenerationRequest request,
      StreamListener listener,
      CompletableFuture<GenerationResult> future,
      long submitted) {
    String prompt = template.render(request.requestId(), request.messages(), true);
    long[] ids = tokenizer.encode(prompt);
    if (ids.length == 0) {
      throw new GenerationException(request.requestId(), "the chat template produced no tokens");
    }
    if (ids.length >= model.contextLength()) {
      throw new GenerationException.PromptTooLongException(
          request.requestId(), ids.length, model.contextLength());
    }
    int maxNew = Math.min(request.sampling().maxNewTokens(), model.contextLength() - ids.length);
    return new Sequence(
        request, ids, maxNew, listener, tokenizer, model.eosTokenIds(), future, submitted);
  }
}
