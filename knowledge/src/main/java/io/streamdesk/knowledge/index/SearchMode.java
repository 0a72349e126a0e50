package io.streamdesk.knowledge.index;

/** Which signals rank a search. */
public enum SearchMode {
  /** Vector similarity only (best of a chunk's vectors). */
  VECTOR,
  /** BM25 keyword relevance only. */
  KEYWORD,
  /** Both, fused by reciprocal rank fusion. */
  HYBRID
}
