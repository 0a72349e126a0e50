package io.streamdesk.generation.reply;

import io.streamdesk.generation.llm.StreamListener;
import io.streamdesk.schemas.events.GenerateReply;
import java.util.concurrent.CompletableFuture;

/**
 * What the worker asks for a reply: a draft for one GenerateReply, streamed as it is written. Two
 * kinds stand behind it, chosen by {@code generation.backend}: a {@link ChatModelReplyGenerator}
 * (prompt + any {@link io.streamdesk.generation.llm.ChatModel}: ONNX decoder, OpenAI-compatible
 * server) and the model-free {@link
 * io.streamdesk.generation.llm.extractive.ExtractiveReplyGenerator}, which reads the request's
 * passages directly instead of a rendered prompt (why this interface is narrower than ChatModel's
 * conversation-in, text-out contract).
 *
 * <p>Same rules as ChatModel: {@link #generate} returns at once, failures arrive through the
 * future, deltas concatenate to {@link Draft#text()}, and cancelling the future stops the work.
 */
public interface ReplyGenerator extends AutoCloseable {

  /** Starts drafting the reply to {@code request}; text deltas go to {@code listener}. */
  CompletableFuture<Draft> generate(GenerateReply request, StreamListener listener);

  /** The generator recorded on replies, e.g. {@code extractive} or {@code onnx:qwen2-0.5b}. */
  String model();

  /** Releases the model behind it. */
  @Override
  void close();
}
