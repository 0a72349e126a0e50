package io.streamdesk.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted HTTP server on a free loopback port that answers like a Confluent Schema Registry:
 * each {@code METHOD raw-path} gets the status and JSON body the test set, and every request is
 * recorded (method, raw path, headers, body). Unscripted paths get a plain 404 without a Confluent
 * error code, as a web server that is not a registry would.
 */
final class FakeConfluentRegistry implements AutoCloseable {

  /** One request as the server saw it; header names are lower case. */
  record RecordedRequest(
      String method, String path, Map<String, List<String>> headers, String body) {

    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null ? null : String.join(",", values);
    }
  }

  private record Answer(int status, String body, CountDownLatch release) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);

  private FakeConfluentRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static FakeConfluentRegistry start() {
    try {
      return new FakeConfluentRegistry();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake registry", e);
    }
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers {@code method rawPath} with {@code status} and {@code body}. */
  FakeConfluentRegistry answer(String method, String rawPath, int status, String body) {
    answers.put(method + " " + rawPath, new Answer(status, body, null));
    return this;
  }

  /** Holds every {@code method rawPath} request until the server closes: a registry that hangs. */
  FakeConfluentRegistry hang(String method, String rawPath) {
    answers.put(method + " " + rawPath, new Answer(200, "{}", released));
    return this;
  }

  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  RecordedRequest lastRequest() {
    return requests.getLast();
  }

  long count(String method, String rawPath) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(rawPath))
        .count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      Map<String, List<String>> headers = new ConcurrentHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new RecordedRequest(method, path, Map.copyOf(headers), body));

      Answer answer = answers.get(method + " " + path);
      if (answer == null) {
        answer = new Answer(404, "<html>Not Found</html>", null);
      }
      if (answer.release() != null) {
        answer.release().await(30, TimeUnit.SECONDS);
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
