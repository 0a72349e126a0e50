package io.streamdesk.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class OpsServerTest {

  private static final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void closeClient() {
    http.close();
  }

  @Test
  void shouldAnswer200AndUpWhenEveryCheckIsUp() throws Exception {
    // Given an endpoint with two healthy components
    try (OpsServer ops = OpsServer.start(0)) {
      ops.register("intent-stream", () -> Health.up("RUNNING"));
      ops.register("retrieval-stream", () -> Health.up("RUNNING"));

      // When /health is requested
      HttpResponse<String> response = get(ops.uri().resolve("/health"));

      // Then it is 200 with every component UP
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
      JsonNode body = new ObjectMapper().readTree(response.body());
      assertThat(body.get("status").asText()).isEqualTo("UP");
      assertThat(body.at("/components/intent-stream/status").asText()).isEqualTo("UP");
      assertThat(body.at("/components/intent-stream/detail").asText()).isEqualTo("RUNNING");
    }
  }

  @Test
  void shouldAnswer503AndDownWhenAnyCheckIsDownOrThrows() throws Exception {
    // Given one healthy, one down and one broken check
    AtomicReference<Health> streams = new AtomicReference<>(Health.up("RUNNING"));
    try (OpsServer ops = OpsServer.start(0)) {
      ops.register("a", streams::get);
      ops.register("b", () -> Health.up(""));
      ops.register(
          "broken",
          () -> {
            throw new IllegalStateException("boom");
          });

      // When /health is requested
      HttpResponse<String> response = get(ops.uri().resolve("/health"));

      // Then it is 503, and the broken check is DOWN with its reason
      assertThat(response.statusCode()).isEqualTo(503);
      JsonNode body = new ObjectMapper().readTree(response.body());
      assertThat(body.get("status").asText()).isEqualTo("DOWN");
      assertThat(body.at("/components/broken/detail").asText()).contains("boom");

      // and once the broken check is gone and a component goes down, still DOWN
      ops.unregister("broken");
      streams.set(Health.down("ERROR"));
      assertThat(ops.health().isUp()).isFalse();
      assertThat(ops.health().components()).containsKeys("a", "b").doesNotContainKey("broken");
    }
  }

  @Test
  void shouldServePrometheusTextWithJvmAndServiceMeters() throws Exception {
    // Given an endpoint where a service counted something
    try (OpsServer ops = OpsServer.start(0)) {
      ops.meterRegistry().counter("streamdesk.test.events", "service", "demo").increment(3);

      // When /metrics is scraped
      HttpResponse<String> response = get(ops.uri().resolve("/metrics"));

      // Then it is Prometheus text holding the service's and the JVM's meters
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("text/plain");
      assertThat(response.body())
          .contains("streamdesk_test_events_total{service=\"demo\"} 3.0")
          .contains("jvm_memory_used_bytes")
          .contains("jvm_gc_")
          .contains("process_uptime_seconds")
          .contains("system_cpu_count");
    }
  }

  @Test
  void shouldGiveEachServerItsOwnFreePortAndRefuseOtherMethods() throws Exception {
    // Given two endpoints in one JVM
    try (OpsServer first = OpsServer.start(0);
        OpsServer second = OpsServer.builder().jvmMetrics(false).start()) {
      // Then they listen on different ports
      assertThat(first.port()).isPositive().isNotEqualTo(second.port());
      assertThat(first.uri()).hasToString("http://127.0.0.1:" + first.port());
      // and a POST is refused
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(second.uri().resolve("/health"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
      // and a name cannot be registered twice
      first.register("x", () -> Health.up(""));
      assertThatThrownBy(() -> first.register("x", () -> Health.up("")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shouldFormatTheReadyLine() {
    String line =
        ReadyLine.format(
            "intent-stream",
            URI.create("http://127.0.0.1:8081"),
            List.of("cs.messages.inbound"),
            List.of("cs.messages.classified", "cs.handoffs"));
    assertThat(line)
        .isEqualTo(
            "intent-stream ready: ops http://127.0.0.1:8081, in=cs.messages.inbound,"
                + " out=cs.messages.classified,cs.handoffs");
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
