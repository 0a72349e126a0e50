package io.streamdesk.intent.text;

import java.util.List;

/** Finds one kind of personal data in normalised text. Implementations are thread-safe. */
interface PiiDetector {

  /** Adds every match in {@code text} to {@code out}; matches may overlap other detectors'. */
  void detect(String text, List<PiiMatch> out);
}
