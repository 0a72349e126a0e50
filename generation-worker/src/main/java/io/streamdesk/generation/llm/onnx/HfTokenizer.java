package io.streamdesk.generation.llm.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model's Hugging Face tokenizer.json through DJL's bindings of the Rust tokenizers library,
 * read locally (no hub access). Encoding adds no special tokens and never truncates: the chat
 * template already wrote them, and the prompt budget is enforced by the caller. Thread-safe.
 */
public final class HfTokenizer implements AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;

  private HfTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Loads {@code tokenizer.json} from a model directory. */
  public static HfTokenizer load(Path dir) {
    Path file = dir.resolve("tokenizer.json");
    if (!Files.isRegularFile(file)) {
      throw new ModelDirectoryException(dir, "tokenizer.json is missing");
    }
    try {
      return new HfTokenizer(
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(file)
              .optAddSpecialTokens(false)
              .optTruncation(false)
              .optPadding(false)
              .build());
    } catch (IOException | RuntimeException e) {
      throw new ModelDirectoryException(dir, "tokenizer.json cannot be loaded: " + e, e);
    }
  }

  /**
   * Token ids of {@code text}; special-token strings in it (like {@code <|im_end|>}) map to ids.
   */
  public long[] encode(String text) {
    return tokenizer.encode(text, false, false).getIds();
  }

  /**
   * The text of {@code ids}, special tokens left out. A byte-level token sequence that ends inside
   * a multi-byte character decodes with a trailing U+FFFD: see {@link StreamingDetokenizer}.
   */
  public String decode(long[] ids) {
    return tokenizer.decode(ids, true);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
