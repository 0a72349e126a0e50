package io.streamdesk.kb.bench;

import java.util.List;

/** Where the benchmark's texts come from (pluggable, so the real chunker can feed it). */
public interface BenchTexts {

  /** The texts to embed, in a stable order. */
  List<String> texts();

  /** What they are, for logs. */
  String describe();
}
