package io.streamdesk.schemas.topics;

import java.util.Objects;

/**
 * One way an existing topic differs from its descriptor. The creator reports drift and never
 * repairs it: changing partitions or cleanup policy of a live topic is an operator's decision.
 *
 * @param topic topic name
 * @param property what differs: {@code partitions} or a topic config name
 * @param expected value the descriptor asks for
 * @param actual value the cluster has
 */
public record TopicDrift(String topic, String property, String expected, String actual) {

  public TopicDrift {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(property, "property");
  }

  @Override
  public String toString() {
    return topic + ": " + property + " is " + actual + ", the catalogue expects " + expected;
  }
}
