package io.streamdesk.dispatcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver of the test's own: the JDK's HTTP server on a free loopback port, one virtual
 * thread per request. It checks every request's signature the way a receiver would (its own HMAC
 * code, not the dispatcher's), records what arrived and when, and answers as the test's {@link
 * Responder} says, possibly holding the response until a latch opens (a slow receiver).
 */
final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TOLERANCE_SECONDS = 300;

  /**
   * One request as it arrived.
   *
   * @param attempt the how-manieth request for this delivery id, from 1
   * @param arrivedNanos System.nanoTime() at arrival
   * @param headers request headers, names in lower case
   * @param body raw body
   * @param json the body parsed
   * @param signatureValid whether X-StreamDesk-Signature verified with the receiver's secret
   * @param status the status the receiver answered with
   */
  record Received(
      int attempt,
      long arrivedNanos,
      Map<String, String> headers,
      byte[] body,
      JsonNode json,
      boolean signatureValid,
      int status) {

    String deliveryId() {
      return headers.get("idempotency-key");
    }
  }

  /** What to answer; {@code hold} delays the answer until it opens (or the receiver closes). */
  record Response(int status, Map<String, String> headers, CountDownLatch hold) {
    static Response status(int status) {
      return new Response(status, Map.of(), null);
    }

    static Response ok() {
      return status(200);
    }
  }

  /** Decides the answer to a request, given its attempt number for its delivery id. */
  @FunctionalInterface
  interface Responder {
    Response respond(JsonNode body, int attempt);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final String secret;
  private final Responder responder;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final List<CountDownLatch> holds = new CopyOnWriteArrayList<>();

  WebhookReceiver(String secret, Responder responder) {
    this.secret = secret;
    this.responder = responder;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of a path on this receiver. */
  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Requests that carried this delivery id, in arrival order. */
  List<Received> forDelivery(String deliveryId) {
    return received.stream().filter(r -> deliveryId.equals(r.deliveryId())).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      long arrived = System.nanoTime();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      String deliveryId = headers.getOrDefault("idempotency-key", "");
      int attempt =
          attempts.computeIfAbsent(deliveryId, d -> new AtomicInteger()).incrementAndGet();
      JsonNode json = JSON.readTree(body);
      Response response = responder.respond(json, attempt);
      received.add(
          new Received(
              attempt,
              arrived,
              Map.copyOf(headers),
              body,
              json,
              verify(headers.get("x-streamdesk-signature"), body),
              response.status()));
      if (response.hold() != null) {
        awaitQuietly(response.hold());
      }
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      byte[] answer = ("{\"status\":" + response.status() + "}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(response.status(), answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private void awaitQuietly(CountDownLatch hold) {
    holds.add(hold);
    try {
      // Opens when the test releases it or the receiver closes.
      hold.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A receiver's check: t within tolerance, v1 = hex(HMAC-SHA256(secret, t + "." + body)). */
  private boolean verify(String header, byte[] body) {
    if (header == null) {
      return false;
    }
    Map<String, String> parts = new TreeMap<>();
    for (String element : header.split(",")) {
      String[] kv = element.split("=", 2);
      if (kv.length != 2) {
        return false;
      }
      parts.put(kv[0], kv[1]);
    }
    try {
      long t = Long.parseLong(parts.get("t"));
      if (Math.abs(System.currentTimeMillis() / 1000 - t) > TOLERANCE_SECONDS) {
        return false;
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      String expected = HexFormat.of().formatHex(mac.doFinal(body));
      String given = parts.get("v1");
      return given != null
          && MessageDigest.isEqual(
              expected.getBytes(StandardCharsets.US_ASCII),
              given.getBytes(StandardCharsets.US_ASCII));
    } catch (RuntimeException | java.security.GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public void close() {
    holds.forEach(CountDownLatch::countDown);
    server.stop(0);
    executor.shutdownNow();
  }
}
