package io.streamdesk.retrieval.search;

import io.streamdesk.knowledge.index.HybridConfig;

/**
 * How the two rankings are fused (weighted reciprocal rank fusion, the knowledge module's {@link
 * io.streamdesk.knowledge.index.RankFusion}).
 *
 * @param vectorWeight RRF weight of the vector ranking (best cosine of a chunk's vectors)
 * @param keywordWeight RRF weight of the BM25 ranking
 * @param rrfK RRF damping constant: small values let the first ranks dominate
 * @param candidates how deep each ranking is read before fusion. With vector-led weights a passage
 *     far down the vector ranking cannot reach the top few, and every candidate read through the
 *     SPI costs a stored-chunk load (module README)
 */
public record FusionSettings(double vectorWeight, double keywordWeight, int rrfK, int candidates) {

  public FusionSettings {
    if (vectorWeight < 0 || keywordWeight < 0 || vectorWeight + keywordWeight == 0) {
      throw new IllegalArgumentException(
          "fusion weights must be >= 0 and not both 0, were "
              + vectorWeight
              + ", "
              + keywordWeight);
    }
    if (rrfK < 1) {
      throw new IllegalArgumentException("rrfK must be >= 1, was " + rrfK);
    }
    if (candidates < 1 || candidates > 1000) {
      throw new IllegalArgumentException("candidates must be in [1, 1000], was " + candidates);
    }
  }

  /** The same fusion as the index's {@link HybridConfig}, for one HYBRID call. */
  public HybridConfig asHybrid() {
    return new HybridConfig(rrfK, vectorWeight, keywordWeight, candidates);
  }

  /** Vector-led fusion, calibrated on the sample KB and covid-jhu (see the module README). */
  public static FusionSettings defaults() {
    return new FusionSettings(1.0, 0.3, 10, 10);
  }
}
