package io.streamdesk.runtime.ops;

import java.util.Map;

/**
 * The outcome of every registered check: UP only when all components are UP (and there is at least
 * one way to tell: no components at all is UP, the process itself answers).
 *
 * @param status overall status
 * @param components each check's result by name, in registration order
 */
public record HealthReport(Health.Status status, Map<String, Health> components) {

  public HealthReport {
    components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(components));
  }

  static HealthReport of(Map<String, Health> components) {
    boolean allUp = components.values().stream().allMatch(Health::isUp);
    return new HealthReport(allUp ? Health.Status.UP : Health.Status.DOWN, components);
  }

  public boolean isUp() {
    return status == Health.Status.UP;
  }
}
