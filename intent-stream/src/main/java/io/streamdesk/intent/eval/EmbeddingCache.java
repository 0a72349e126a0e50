package io.streamdesk.intent.eval;

import io.streamdesk.intent.classifier.IntentDataReader;
import io.streamdesk.knowledge.encoder.Encoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds a list of texts with {@link Encoder#embedAll}, keeping the vectors on disk keyed by the
 * encoder's model id and the SHA-256 of the texts, so that evaluating again on the same data file
 * skips the (slow, on CPU) embedding step. A changed text or model is a different key; an
 * unreadable cache entry is recomputed, never trusted.
 *
 * <p>Development aid for the train/eval commands: the cache directory (default {@code
 * .streamdesk/cache/intent-embeddings}, git-ignored) must never be committed.
 */
public final class EmbeddingCache {

  private static final Logger log = LoggerFactory.getLogger(EmbeddingCache.class);
  private static final int MAGIC = 0x53444531; // "SDE1"

  private final Path directory;

  /**
   * @param directory where cached vectors live; {@code null} disables caching
   */
  public EmbeddingCache(Path directory) {
    this.directory = directory;
  }

  public static EmbeddingCache disabled() {
    return new EmbeddingCache(null);
  }

  /** The vectors of {@code texts} in order, from the cache or freshly embedded. */
  public List<float[]> embed(Encoder encoder, List<String> texts) {
    Objects.requireNonNull(encoder, "encoder");
    if (directory == null) {
      return encoder.embedAll(texts);
    }
    Path file = directory.resolve(encoder.modelId() + "-" + key(encoder.modelId(), texts) + ".bin");
    if (Files.isRegularFile(file)) {
      try {
        List<float[]> cached = read(file, texts.size(), encoder.dimension());
        log.info("Embeddings of {} texts read from cache {}", texts.size(), file);
        return cached;
      } catch (IOException e) {
        log.warn("Ignoring unreadable embedding cache {}: {}", file, e.toString());
      }
    }
    long start = System.nanoTime();
    List<float[]> vectors = encoder.embedAll(texts);
    double seconds = (System.nanoTime() - start) / 1e9;
    log.info(
        "Embedded {} texts with {} in {} s ({} texts/s)",
        texts.size(),
        encoder.modelId(),
        String.format("%.1f", seconds),
        String.format("%.0f", texts.size() / Math.max(seconds, 1e-9)));
    try {
      write(file, vectors, encoder.dimension());
    } catch (IOException e) {
      log.warn("Cannot write embedding cache {}: {}", file, e.toString());
    }
    return vectors;
  }

  private static String key(String modelId, List<String> texts) {
    StringBuilder all = new StringBuilder(modelId);
    texts.forEach(t -> all.append('\u0000').append(t));
    return IntentDataReader.sha256(all.toString().getBytes(StandardCharsets.UTF_8))
        .substring(0, 32);
  }

  private static List<float[]> read(Path file, int count, int dimension) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != count || in.readInt() != dimension) {
        throw new IOException("header does not match " + count + " x " + dimension);
      }
      List<float[]> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        float[] v = new float[dimension];
        for (int j = 0; j < dimension; j++) {
          v[j] = in.readFloat();
        }
        out.add(v);
      }
      return out;
    }
  }

  private static void write(Path file, List<float[]> vectors, int dimension) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(vectors.size());
      out.writeInt(dimension);
      for (float[] v : vectors) {
        for (float x : v) {
          out.writeFloat(x);
        }
      }
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
