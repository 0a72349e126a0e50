package io.streamdesk.intent.classifier;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Labelled utterances read from one source.
 *
 * @param source where they came from (a path or a resource name), for messages and metadata
 * @param sha256 hex SHA-256 of the source's bytes: identifies the training data of a model
 * @param examples the utterances in source order, at least one
 */
public record IntentDataset(String source, String sha256, List<LabelledUtterance> examples) {

  public IntentDataset {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sha256, "sha256");
    examples = List.copyOf(examples);
    if (examples.isEmpty()) {
      throw new IntentDataException(source + ": no labelled utterances");
    }
  }

  public int size() {
    return examples.size();
  }

  /** Examples per label, labels in alphabetical order. */
  public Map<String, Integer> labelCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    examples.forEach(e -> counts.merge(e.label(), 1, Integer::sum));
    return counts;
  }

  public List<String> texts() {
    return examples.stream().map(LabelledUtterance::text).toList();
  }

  public boolean hasOutOfScope() {
    return examples.stream().anyMatch(LabelledUtterance::outOfScope);
  }
}
