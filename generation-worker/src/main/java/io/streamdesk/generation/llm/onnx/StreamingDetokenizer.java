package io.streamdesk.generation.llm.onnx;

import java.util.Arrays;

/**
 * Turns one sequence's generated tokens into text deltas of complete characters.
 *
 * <p>Byte-level tokens can split a multi-byte UTF-8 character (a Chinese character or an emoji
 * often spans two or three tokens), and some decoders change a token's text depending on its
 * neighbours (leading-space handling). So each step decodes a short window that starts a few tokens
 * back ({@code prefixOffset}) and emits only what the new token added, and only once the window no
 * longer ends in the U+FFFD replacement character that marks an incomplete byte sequence (the
 * approach of Hugging Face text-generation-inference). Not thread-safe: one per sequence.
 */
final class StreamingDetokenizer {

  private static final char REPLACEMENT = '\uFFFD';

  private final HfTokenizer tokenizer;
  private long[] tokens = new long[32];
  private int size;
  private int prefixOffset;
  private int readOffset;

  StreamingDetokenizer(HfTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Adds a generated token; returns the newly completed text, possibly empty. */
  String add(long token) {
    if (size == tokens.length) {
      tokens = Arrays.copyOf(tokens, size * 2);
    }
    tokens[size++] = token;
    String before = decode(prefixOffset, readOffset);
    String after = decode(prefixOffset, size);
    if (after.length() > before.length() && after.charAt(after.length() - 1) != REPLACEMENT) {
      prefixOffset = readOffset;
      readOffset = size;
      return after.substring(before.length());
    }
    return "";
  }

  /** The text still held back at the end of the sequence (an incomplete character, if any). */
  String flush() {
    String before = decode(prefixOffset, readOffset);
    String after = decode(prefixOffset, size);
    prefixOffset = readOffset = size;
    return after.length() > before.length() ? after.substring(before.length()) : "";
  }

  private String decode(int from, int to) {
    return from == to ? "" : tokenizer.decode(Arrays.copyOfRange(tokens, from, to));
  }
}
