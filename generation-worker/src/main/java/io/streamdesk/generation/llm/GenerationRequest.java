package io.streamdesk.generation.llm;

import java.util.List;
import java.util.Objects;

/**
 * One conversation to answer.
 *
 * @param requestId correlates logs and errors (for example the Kafka message id)
 * @param messages the conversation, system prompt first if any; at least one message
 * @param sampling decoding parameters
 */
public record GenerationRequest(
    String requestId, List<ChatMessage> messages, SamplingParams sampling) {

  public GenerationRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sampling, "sampling");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a generation request needs at least one message");
    }
  }

  /** A request with the design's default sampling parameters. */
  public static GenerationRequest of(String requestId, List<ChatMessage> messages) {
    return new GenerationRequest(requestId, messages, SamplingParams.defaults());
  }
}
