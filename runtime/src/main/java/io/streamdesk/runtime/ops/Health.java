package io.streamdesk.runtime.ops;

import java.util.Objects;

/**
 * The state of one component as a health check sees it.
 *
 * @param status UP or DOWN
 * @param detail short human-readable reason, e.g. the Kafka Streams state
 */
public record Health(Health.Status status, String detail) {

  /** Whether a component (or the whole process) can do its work. */
  public enum Status {
    UP,
    DOWN
  }

  public Health {
    Objects.requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
  }

  public static Health up(String detail) {
    return new Health(Status.UP, detail);
  }

  public static Health down(String detail) {
    return new Health(Status.DOWN, detail);
  }

  public boolean isUp() {
    return status == Status.UP;
  }
}
