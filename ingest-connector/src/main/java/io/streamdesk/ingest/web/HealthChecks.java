package io.streamdesk.ingest.web;

import io.streamdesk.runtime.ops.HealthCheck;
import java.util.Map;

/**
 * The connector's health checks by component name, for {@code /api/health} and {@code /health}.
 *
 * @param byName checks in display order
 */
public record HealthChecks(Map<String, HealthCheck> byName) {
  public HealthChecks {
    byName = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byName));
  }
}
