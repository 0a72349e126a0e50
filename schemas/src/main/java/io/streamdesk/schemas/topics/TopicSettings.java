package io.streamdesk.schemas.topics;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link Topics} catalogue names and sizes its topics.
 *
 * @param prefix prepended to every topic name ("" in production; e.g. "shadow.r1." for a replay)
 * @param partitions partition count of every conversation topic (they must all be equal)
 * @param replicationFactor replication factor of every topic
 */
public record TopicSettings(String prefix, int partitions, short replicationFactor) {

  /** Partition count of conversation topics unless configured otherwise. */
  public static final int DEFAULT_PARTITIONS = 6;

  private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");

  public TopicSettings {
    Objects.requireNonNull(prefix, "prefix");
    if (!LEGAL_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "topic prefix may only contain letters, digits, '.', '_' and '-': '" + prefix + "'");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replication factor must be >= 1, got " + replicationFactor);
    }
  }

  /** No prefix, {@link #DEFAULT_PARTITIONS} partitions, replication factor 1. */
  public static TopicSettings defaults() {
    return new TopicSettings("", DEFAULT_PARTITIONS, (short) 1);
  }
}
