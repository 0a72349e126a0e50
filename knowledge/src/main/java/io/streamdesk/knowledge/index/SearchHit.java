package io.streamdesk.knowledge.index;

/**
 * One ranked chunk.
 *
 * @param score higher is better; its scale depends on the mode: cosine similarity (VECTOR), BM25
 *     (KEYWORD) or fused reciprocal-rank score (HYBRID)
 * @param kbVersion the KB version at which this chunk was indexed
 */
public record SearchHit(Chunk chunk, double score, long kbVersion) {}
