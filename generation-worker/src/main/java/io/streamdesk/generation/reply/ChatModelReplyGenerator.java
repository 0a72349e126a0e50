package io.streamdesk.generation.reply;

import io.streamdesk.generation.llm.ChatModel;
import io.streamdesk.generation.llm.GenerationRequest;
import io.streamdesk.generation.llm.GenerationResult;
import io.streamdesk.generation.llm.SamplingParams;
import io.streamdesk.generation.llm.StreamListener;
import io.streamdesk.generation.prompt.Prompt;
import io.streamdesk.generation.prompt.PromptBuilder;
import io.streamdesk.schemas.events.GenerateReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A reply from a language model: the request becomes a budgeted prompt ({@link PromptBuilder}), the
 * {@link ChatModel} (ONNX decoder or OpenAI-compatible server) writes the text. Sampling is seeded
 * from the message id unless a seed is configured, so a request redone after a worker takeover
 * samples the same reply.
 */
public final class ChatModelReplyGenerator implements ReplyGenerator {

  private final String backend;
  private final ChatModel model;
  private final PromptBuilder prompts;
  private final SamplingParams sampling;

  /**
   * @param backend prefix of the recorded model name, e.g. {@code onnx} or {@code openai}
   * @param model the chat model; closed with this generator
   * @param prompts builds and fits prompts
   * @param sampling decoding parameters of every request
   */
  public ChatModelReplyGenerator(
      String backend, ChatModel model, PromptBuilder prompts, SamplingParams sampling) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.model = Objects.requireNonNull(model, "model");
    this.prompts = Objects.requireNonNull(prompts, "prompts");
    this.sampling = Objects.requireNonNull(sampling, "sampling");
  }

  @Override
  public CompletableFuture<Draft> generate(GenerateReply request, StreamListener listener) {
    Prompt prompt;
    try {
      prompt = prompts.build(request, model, sampling.maxNewTokens());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    SamplingParams params =
        sampling.seed() == null ? sampling.withSeed(seedOf(request.getMessageId())) : sampling;
    CompletableFuture<GenerationResult> running =
        model.generate(
            new GenerationRequest(request.getMessageId(), prompt.messages(), params), listener);
    String name = model();
    CompletableFuture<Draft> draft =
        running.thenApply(
            result ->
                new Draft(
                    result.text(),
                    Draft.Source.MODEL,
                    prompt.passages(),
                    List.of(),
                    null,
                    name,
                    prompt.version(),
                    result.timeToFirstToken(),
                    result.total(),
                    result.promptTokens(),
                    result.completionTokens()));
    // Cancelling the draft (deadline, rebalance) must stop the decoding behind it.
    draft.whenComplete(
        (ignored, error) -> {
          if (draft.isCancelled()) {
            running.cancel(true);
          }
        });
    return draft;
  }

  @Override
  public String model() {
    return backend + ":" + model.info().id();
  }

  @Override
  public void close() {
    model.close();
  }

  static long seedOf(String messageId) {
    return UUID.nameUUIDFromBytes(messageId.getBytes(StandardCharsets.UTF_8))
        .getMostSignificantBits();
  }
}
