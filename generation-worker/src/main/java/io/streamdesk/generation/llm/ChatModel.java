package io.streamdesk.generation.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A chat-completion backend (local ONNX decoder, OpenAI-compatible server, extractive answerer):
 * turns a conversation into one assistant reply, streaming text deltas as they are decoded.
 *
 * <p>Contract for every implementation:
 *
 * <ul>
 *   <li>{@link #generate} never blocks on generation: it returns a future at once. Bad input is
 *       reported through the future as a {@link GenerationException} subtype, never thrown.
 *   <li>The listener receives deltas in order, each made of complete characters only (never half of
 *       a multi-byte character or of a surrogate pair), and never text past a stop string; the
 *       deltas concatenate to exactly {@link GenerationResult#text()}. Listeners run on the
 *       backend's thread: they must be quick and must not block on this model.
 *   <li>Cancelling the future (for example when a request's deadline passes) stops its generation
 *       and frees its resources.
 * </ul>
 */
public interface ChatModel extends AutoCloseable {

  /** Starts generating a reply for {@code request}; deltas go to {@code listener}. */
  CompletableFuture<GenerationResult> generate(GenerationRequest request, StreamListener listener);

  /**
   * Starts several requests together. Backends that batch (the ONNX decoder) admit them in the same
   * decoding step; the default simply calls {@link #generate} for each.
   */
  default List<CompletableFuture<GenerationResult>> generateAll(
      List<GenerationRequest> requests, Function<GenerationRequest, StreamListener> listeners) {
    List<CompletableFuture<GenerationResult>> futures = new ArrayList<>(requests.size());
    for (GenerationRequest request : requests) {
      futures.add(generate(request, listeners.apply(request)));
    }
    return futures;
  }

  /**
   * The number of prompt tokens this conversation would take, chat template included; used to fit
   * history and passages into {@link ModelInfo#contextLength()}. Backends without a tokenizer
   * return an estimate.
   */
  int countPromptTokens(List<ChatMessage> messages);

  /** Which model answers, and how much context it takes. */
  ModelInfo info();

  /** Fails every unfinished request and releases the model. */
  @Override
  void close();
}
