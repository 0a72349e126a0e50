package io.streamdesk.runtime.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's operations endpoint over the JDK's HTTP server, one virtual thread per request:
 *
 * <ul>
 *   <li>{@code GET /health}: JSON {@code {"status":"UP","components":{name:{status,detail}}}}, HTTP
 *       200 when every registered check is UP, 503 otherwise;
 *   <li>{@code GET /metrics}: Prometheus text (OpenMetrics when asked for) from the server's {@link
 *       PrometheusMeterRegistry}, with JVM and process metrics bound.
 * </ul>
 *
 * <p>Several services in one JVM may each start their own server (port 0 gives each a free port) or
 * share one: each registers its checks under its own name and binds its meters to {@link
 * #meterRegistry()}.
 */
public final class OpsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPENMETRICS = "application/openmetrics-text";

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
  private final Map<String, Long> registrationOrder = new ConcurrentHashMap<>();
  private final URI uri;
  private volatile boolean closed;

  private OpsServer(Builder builder) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.gcMetrics = builder.jvmMetrics ? bindJvmMetrics(registry) : null;
    try {
      this.server = HttpServer.create(new InetSocketAddress(builder.host, builder.port), 0);
    } catch (IOException e) {
      registry.close();
      throw new UncheckedIOException(
          "could not open the ops endpoint on " + builder.host + ":" + builder.port, e);
    }
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/health", this::health);
    server.createContext("/metrics", this::metrics);
    server.start();
    this.uri = URI.create("http://" + builder.host + ":" + server.getAddress().getPort());
  }

  /** A builder for 127.0.0.1, a free port, JVM metrics on. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts an endpoint on 127.0.0.1 and the given port (0 = a free one). */
  public static OpsServer start(int port) {
    return builder().port(port).start();
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port} of this endpoint. */
  public URI uri() {
    return uri;
  }

  /** The registry {@code /metrics} serves; bind a service's meters here. */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /**
   * Registers a named check, e.g. {@code intent-stream} or {@code intent-stream.streams}.
   *
   * @throws IllegalArgumentException if the name is taken
   */
  public void register(String name, HealthCheck check) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(check, "check");
    if (checks.putIfAbsent(name, check) != null) {
      throw new IllegalArgumentException("a health check named " + name + " is registered");
    }
    registrationOrder.put(name, System.nanoTime());
  }

  /** Removes a check (a service stopping while the endpoint stays up). */
  public void unregister(String name) {
    checks.remove(name);
    registrationOrder.remove(name);
  }

  /** Runs every check now. */
  public HealthReport health() {
    Map<String, Health> results = new LinkedHashMap<>();
    registrationOrder.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .forEach(
            name -> {
              HealthCheck check = checks.get(name);
              if (check != null) {
                results.put(name, run(check));
              }
            });
    return HealthReport.of(results);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(0);
    executor.close();
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    registry.close();
  }

  private static Health run(HealthCheck check) {
    try {
      Health health = check.check();
      return health == null ? Health.down("check returned nothing") : health;
    } catch (RuntimeException e) {
      return Health.down("check failed: " + e);
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!isGetOrHead(exchange)) {
        return;
      }
      HealthReport report = health();
      ObjectNode body = JSON.createObjectNode();
      body.put("status", report.status().name());
      ObjectNode components = body.putObject("components");
      report
          .components()
          .forEach(
              (name, h) -> {
                ObjectNode c = components.putObject(name);
                c.put("status", h.status().name());
                c.put("detail", h.detail());
              });
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      send(exchange, report.isUp() ? 200 : 503, bytes);
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!isGetOrHead(exchange)) {
        return;
      }
      String accept = exchange.getRequestHeaders().getFirst("Accept");
      String contentType =
          accept != null && accept.contains(OPENMETRICS)
              ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
              : "text/plain; version=0.0.4; charset=utf-8";
      byte[] bytes = registry.scrape(contentType).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      send(exchange, 200, bytes);
    }
  }

  private static boolean isGetOrHead(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    exchange.sendResponseHeaders(405, -1);
    return false;
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static JvmGcMetrics bindJvmMetrics(PrometheusMeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }

  /** Builder of an {@link OpsServer}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private boolean jvmMetrics = true;

    private Builder() {}

    /** Interface to bind; 127.0.0.1 by default, 0.0.0.0 in a container. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Whether JVM and process meters (memory, GC, threads, CPU, uptime, fds) are bound. */
    public Builder jvmMetrics(boolean bind) {
      this.jvmMetrics = bind;
      return this;
    }

    public OpsServer start() {
      OpsServer ops = new OpsServer(this);
      log.debug("Ops endpoint listening on {}", ops.uri());
      return ops;
    }
  }
}
