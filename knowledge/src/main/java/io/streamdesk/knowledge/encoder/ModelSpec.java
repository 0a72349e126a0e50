package io.streamdesk.knowledge.encoder;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything needed to load and use one sentence-embedding model.
 *
 * @param name catalogue name, reported as the encoder's {@link Encoder#modelId()}
 * @param source where the ONNX graph and tokenizer come from
 * @param pooling how token states become the sentence vector
 * @param maxTokens longer inputs are truncated to this many tokens (special tokens included)
 * @param language the language the model was trained for ({@code zh}, {@code en}); informational
 * @param queryInstruction prefix the model's authors recommend for short retrieval queries against
 *     passages, or empty; callers decide whether to use it (see {@code ModelCatalogue})
 */
public record ModelSpec(
    String name,
    ModelSource source,
    Pooling pooling,
    int maxTokens,
    String language,
    String queryInstruction) {

  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pooling, "pooling");
    Objects.requireNonNull(language, "language");
    queryInstruction = queryInstruction == null ? "" : queryInstruction;
    if (name.isBlank()) {
      throw new IllegalArgumentException("model name must not be blank");
    }
    if (maxTokens < 8 || maxTokens > 8192) {
      throw new IllegalArgumentException(
          "maxTokens of model " + name + " must be in [8, 8192], was " + maxTokens);
    }
  }

  /**
   * A user-supplied model directory ({@code model.onnx} + {@code tokenizer.json}).
   *
   * @param name the id its vectors will carry
   */
  public static ModelSpec fromDirectory(
      String name, Path directory, Pooling pooling, int maxTokens, String language) {
    return new ModelSpec(
        name, new ModelSource.Directory(directory), pooling, maxTokens, language, "");
  }

  /** The same model with another token limit (shorter is faster for short texts). */
  public ModelSpec withMaxTokens(int tokens) {
    return new ModelSpec(name, source, pooling, tokens, language, queryInstruction);
  }
}
