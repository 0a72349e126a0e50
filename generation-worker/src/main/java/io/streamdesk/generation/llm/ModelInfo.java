package io.streamdesk.generation.llm;

import java.util.Objects;

/**
 * Identifies the model behind a {@link ChatModel}.
 *
 * @param id recorded on every reply (for example the model directory's name)
 * @param contextLength prompt plus generated tokens the model accepts; 0 when unknown
 */
public record ModelInfo(String id, int contextLength) {

  public ModelInfo {
    Objects.requireNonNull(id, "id");
    if (contextLength < 0) {
      throw new IllegalArgumentException("contextLength must be >= 0, got " + contextLength);
    }
  }
}
