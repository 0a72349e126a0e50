package io.streamdesk.knowledge.index;

import java.util.Objects;

/**
 * A chunk with its vectors, ready to index.
 *
 * @param vector embedding of {@link Chunk#fullText()}
 * @param questionVector embedding of an FAQ row's question alone; {@code null} for a passage
 */
public record EmbeddedChunk(Chunk chunk, float[] vector, float[] questionVector) {

  public EmbeddedChunk {
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(vector, "vector");
    if (chunk.isFaq() != (questionVector != null)) {
      throw new IllegalArgumentException(
          "chunk " + chunk.id() + ": an FAQ row needs a question vector, a passage none");
    }
    if (questionVector != null && questionVector.length != vector.length) {
      throw new IllegalArgumentException(
          "chunk " + chunk.id() + ": question and text vectors differ in dimension");
    }
  }
}
