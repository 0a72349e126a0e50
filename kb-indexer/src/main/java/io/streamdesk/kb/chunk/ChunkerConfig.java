package io.streamdesk.kb.chunk;

/**
 * How prose is cut into chunks.
 *
 * @param maxChars the longest chunk in characters (UTF-16 units), overlap included; default 500. An
 *     FAQ row is never split and may be longer.
 * @param overlapChars at most this many characters of a chunk's end are repeated at the start of
 *     the next one, so that a sentence cut at a border is still found whole; default 50; must be
 *     below half of {@code maxChars}
 */
public record ChunkerConfig(int maxChars, int overlapChars) {

  public static final int DEFAULT_MAX_CHARS = 500;
  public static final int DEFAULT_OVERLAP_CHARS = 50;

  /** Below this a chunk is too small to carry a passage with its context. */
  public static final int MIN_MAX_CHARS = 50;

  public ChunkerConfig {
    if (maxChars < MIN_MAX_CHARS) {
      throw new IllegalArgumentException(
          "chunk maxChars must be >= " + MIN_MAX_CHARS + ", was " + maxChars);
    }
    if (overlapChars < 0 || overlapChars * 2 >= maxChars) {
      throw new IllegalArgumentException(
          "chunk overlapChars must be in [0, maxChars/2), was "
              + overlapChars
              + " with maxChars "
              + maxChars);
    }
  }

  public static ChunkerConfig defaults() {
    return new ChunkerConfig(DEFAULT_MAX_CHARS, DEFAULT_OVERLAP_CHARS);
  }
}
