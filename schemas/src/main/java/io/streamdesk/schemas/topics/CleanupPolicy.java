package io.streamdesk.schemas.topics;

/** Kafka's {@code cleanup.policy}: time-based deletion or log compaction by key. */
public enum CleanupPolicy {
  DELETE("delete"),
  COMPACT("compact");

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value of the {@code cleanup.policy} topic config. */
  public String configValue() {
    return configValue;
  }
}
