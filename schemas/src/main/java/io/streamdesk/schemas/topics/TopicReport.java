package io.streamdesk.schemas.topics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link TopicCreator#ensure} found and did.
 *
 * @param created topics that were missing and have been created
 * @param existing topics that were already there (drifted or not)
 * @param drifts every difference between an existing topic and its descriptor
 */
public record TopicReport(List<String> created, List<String> existing, List<TopicDrift> drifts) {

  public TopicReport {
    created = List.copyOf(created);
    existing = List.copyOf(existing);
    drifts = List.copyOf(drifts);
  }

  /** True when every existing topic matches its descriptor. */
  public boolean hasDrift() {
    return !drifts.isEmpty();
  }

  /** Drift of one topic, empty when it matches. */
  public List<TopicDrift> driftOf(String topic) {
    return drifts.stream().filter(d -> d.topic().equals(topic)).toList();
  }

  /** A short multi-line summary for logs and CLI output. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("created ").append(created.size()).append(", existing ").append(existing.size());
    out.append(", drifted ").append(drifts.stream().map(TopicDrift::topic).distinct().count());
    if (!created.isEmpty()) {
      out.append("\n  created: ").append(String.join(", ", created));
    }
    if (hasDrift()) {
      out.append(drifts.stream().map(d -> "\n  drift: " + d).collect(Collectors.joining()));
    }
    return out.toString();
  }
}
