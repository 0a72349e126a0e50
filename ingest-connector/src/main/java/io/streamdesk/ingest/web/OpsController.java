package io.streamdesk.ingest.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamdesk.ingest.intake.ApiProblem;
import io.streamdesk.runtime.ops.Health;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Health and metrics on the API port: {@code GET /api/health} (the source design's path) and {@code
 * GET /health} answer the same JSON as the runtime's ops endpoint (200 UP, 503 DOWN); {@code GET
 * /metrics} serves the Prometheus text of the service's registry.
 */
@RestController
class OpsController {

  private final HealthChecks checks;
  private final MeterRegistry meters;
  private final boolean onMainPort;

  OpsController(
      HealthChecks checks, MeterRegistry meters, io.streamdesk.ingest.IngestConfig config) {
    this.checks = checks;
    this.meters = meters;
    this.onMainPort = config.metricsOnMainPort();
  }

  @Operation(summary = "Health of the connector (200 UP, 503 DOWN)")
  @GetMapping(path = "/api/health", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> apiHealth() {
    Map<String, Object> components = new LinkedHashMap<>();
    boolean up = true;
    for (var entry : checks.byName().entrySet()) {
      Health h;
      try {
        h = entry.getValue().check();
      } catch (RuntimeException e) {
        h = Health.down("check failed: " + e);
      }
      up &= h.isUp();
      components.put(entry.getKey(), Map.of("status", h.status().name(), "detail", h.detail()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("components", components);
    return ResponseEntity.status(up ? 200 : 503).header("Cache-Control", "no-store").body(body);
  }

  @Operation(summary = "Health (same as /api/health)")
  @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> health() {
    requireEnabled();
    return apiHealth();
  }

  @Operation(summary = "Prometheus metrics")
  @GetMapping(path = "/metrics", produces = "text/plain")
  ResponseEntity<String> metrics() {
    requireEnabled();
    if (!(meters instanceof PrometheusMeterRegistry prometheus)) {
      throw ApiProblem.of(404, "no_metrics", "Not found", "no Prometheus registry is configured");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8"))
        .body(prometheus.scrape());
  }

  private void requireEnabled() {
    if (!onMainPort) {
      throw ApiProblem.of(
          404, "not_found", "Not found", "health and metrics are served on the ops port only");
    }
  }
}
