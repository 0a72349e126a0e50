package io.streamdesk.knowledge.encoder;

import java.util.List;

/**
 * A sentence encoder: text in, one L2-normalised vector out. Vectors of one encoder are comparable
 * by dot product (= cosine); vectors of different encoders ({@link #modelId()}) never are.
 *
 * <p>Implementations are thread-safe and hold native resources: share one instance per model and
 * close it when done.
 */
public interface Encoder extends AutoCloseable {

  /** The catalogue name of the model, carried with every vector so consumers can check it. */
  String modelId();

  /** Length of every vector this encoder returns. */
  int dimension();

  /** Embeds one text (truncated to the model's maximum token length). */
  float[] embed(String text);

  /**
   * Embeds many texts with padded, attention-masked batches: one model run per batch, results in
   * input order.
   */
  List<float[]> embedAll(List<String> texts);

  @Override
  void close();
}
