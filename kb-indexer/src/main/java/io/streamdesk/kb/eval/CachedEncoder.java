package io.streamdesk.kb.eval;

import io.streamdesk.knowledge.encoder.Encoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An encoder for evaluation runs that keeps every vector it made in an append-only file per model
 * ({@code <dir>/<model>.vectors}), so that re-running an evaluation on the same texts (to try
 * ranking settings) embeds nothing. Vectors are keyed by model, text and call kind (one text or a
 * batch: an int8 model's batched vector differs slightly from the same text embedded alone), so a
 * cached run ranks exactly like an uncached one.
 *
 * <p>For evaluation tools only: the file grows with every new text and is never pruned. A file
 * truncated by a crash is read up to its last whole entry.
 */
final class CachedEncoder implements Encoder {

  private static final Logger log = LoggerFactory.getLogger(CachedEncoder.class);
  private static final byte SINGLE = 1;
  private static final byte BATCH = 2;

  private final Encoder delegate;
  private final Path file;
  private final Map<String, float[]> vectors = new HashMap<>();
  private int hits;
  private int misses;

  /**
   * @param dir folder of the cache files (created if missing)
   */
  CachedEncoder(Encoder delegate, Path dir) throws IOException {
    this.delegate = delegate;
    Files.createDirectories(dir);
    this.file = dir.resolve(delegate.modelId().replaceAll("[^A-Za-z0-9._-]", "_") + ".vectors");
    if (Files.exists(file)) {
      load();
    }
  }

  private void load() throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      while (true) {
        byte kind;
        try {
          kind = in.readByte();
        } catch (EOFException end) {
          break;
        }
        try {
          byte[] text = new byte[in.readInt()];
          in.readFully(text);
          float[] v = new float[in.readInt()];
          for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
          }
          vectors.put(key(kind, new String(text, StandardCharsets.UTF_8)), v);
        } catch (EOFException truncated) {
          log.warn("{}: last entry truncated, ignored", file);
          break;
        }
      }
    }
    log.info("Embedding cache {}: {} vectors", file, vectors.size());
  }

  private static String key(byte kind, String text) {
    return kind + "\u0000" + text;
  }

  @Override
  public String modelId() {
    return delegate.modelId();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public synchronized float[] embed(String text) {
    float[] v = vectors.get(key(SINGLE, text));
    if (v == null) {
      v = delegate.embed(text);
      store(SINGLE, List.of(text), List.of(v));
    } else {
      hits++;
    }
    return v.clone();
  }

  @Override
  public synchronized List<float[]> embedAll(List<String> texts) {
    List<String> missing = texts.stream().filter(t -> !vectors.containsKey(key(BATCH, t))).toList();
    if (!missing.isEmpty()) {
      store(BATCH, missing, delegate.embedAll(missing));
    }
    hits += texts.size() - missing.size();
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(vectors.get(key(BATCH, t)).clone());
    }
    return out;
  }

  private void store(byte kind, List<String> texts, List<float[]> made) {
    misses += texts.size();
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(
                Files.newOutputStream(
                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
      for (int i = 0; i < texts.size(); i++) {
        byte[] text = texts.get(i).getBytes(StandardCharsets.UTF_8);
        float[] v = made.get(i);
        out.writeByte(kind);
        out.writeInt(text.length);
        out.write(text);
        out.writeInt(v.length);
        for (float x : v) {
          out.writeFloat(x);
        }
        vectors.put(key(kind, texts.get(i)), v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the embedding cache " + file, e);
    }
  }

  @Override
  public void close() {
    log.info("Embedding cache {}: {} hits, {} texts embedded", file, hits, misses);
    delegate.close();
  }
}
