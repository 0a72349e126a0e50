package io.streamdesk.knowledge.index;

import io.streamdesk.knowledge.encoder.Encoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the vectors a chunk is indexed with, in one batched pass: every chunk's {@link
 * Chunk#fullText()}, plus each FAQ row's question alone.
 */
public final class ChunkEmbedder {

  private final Encoder encoder;

  public ChunkEmbedder(Encoder encoder) {
    this.encoder = encoder;
  }

  public List<EmbeddedChunk> embed(List<Chunk> chunks) {
    List<String> texts = new ArrayList<>(chunks.size() * 2);
    for (Chunk c : chunks) {
      texts.add(c.fullText());
    }
    for (Chunk c : chunks) {
      if (c.isFaq()) {
        texts.add(c.question());
      }
    }
    List<float[]> vectors = encoder.embedAll(texts);
    List<EmbeddedChunk> out = new ArrayList<>(chunks.size());
    int question = chunks.size();
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      out.add(new EmbeddedChunk(c, vectors.get(i), c.isFaq() ? vectors.get(question++) : null));
    }
    return out;
  }
}
