package io.streamdesk.generation.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * A finished reply.
 *
 * @param text the reply, stop strings and stop tokens excluded
 * @param finishReason why generation ended
 * @param promptTokens prompt length in tokens (0 where a backend cannot tell)
 * @param completionTokens generated tokens, stop token included when one ended the reply
 * @param timeToFirstToken from submission to the first generated token
 * @param total from submission to completion
 * @param model the {@link ModelInfo#id()} that answered
 */
public record GenerationResult(
    String text,
    FinishReason finishReason,
    int promptTokens,
    int completionTokens,
    Duration timeToFirstToken,
    Duration total,
    String model) {

  public GenerationResult {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(model, "model");
  }
}
