package io.streamdesk.dispatcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Makes one signed webhook call and classifies its result for the retry rule. Calls block the
 * calling thread, which is always a virtual thread; a semaphore bounds the calls in flight over all
 * endpoints. Redirects are not followed: a signed POST must not be re-sent to another host.
 *
 * <p>Headers of every call: {@code Content-Type: application/json; charset=utf-8}, {@code
 * Idempotency-Key} and {@code X-StreamDesk-Delivery-Id} (the delivery id, the same on every attempt
 * and after restarts, so receivers can drop a duplicate), {@code X-StreamDesk-Event} (reply or
 * handoff), {@code X-StreamDesk-Attempt} (from 1), {@code X-StreamDesk-Signature}, and the
 * endpoint's extra headers.
 */
final class WebhookClient implements AutoCloseable {

  static final String USER_AGENT = "StreamDesk-Dispatcher/1";
  static final String DELIVERY_ID_HEADER = "X-StreamDesk-Delivery-Id";
  static final String EVENT_HEADER = "X-StreamDesk-Event";
  static final String ATTEMPT_HEADER = "X-StreamDesk-Attempt";
  static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

  /** At most this much of an error response is kept for DeliveryFailed.reason. */
  static final int MAX_EXCERPT_BYTES = 512;

  private final HttpClient http;
  private final Semaphore permits;
  private final Clock clock;

  WebhookClient(
      Duration connectTimeout, int maxConcurrentRequests, Executor executor, Clock clock) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
    this.permits = new Semaphore(maxConcurrentRequests);
    this.clock = clock;
  }

  /**
   * What one call came to, and where its time went.
   *
   * @param result the classified result
   * @param queued time spent waiting for a free request slot (max-concurrent-requests)
   * @param took time of the HTTP exchange itself
   */
  record Attempt(AttemptResult result, Duration queued, Duration took) {}

  /**
   * One attempt: waits for a permit, signs the body with a fresh timestamp, POSTs it.
   *
   * @throws InterruptedException when the dispatcher stops meanwhile; the outcome is then unknown
   */
  Attempt send(WebhookEndpoint endpoint, String deliveryId, String event, int attempt, byte[] body)
      throws InterruptedException {
    long queuedAt = System.nanoTime();
    permits.acquire();
    long startedAt = System.nanoTime();
    try {
      // Signed after the wait for a slot, so the timestamp is as fresh as possible.
      HttpRequest request = request(endpoint, deliveryId, event, attempt, body);
      AttemptResult result = exchange(request, endpoint);
      return new Attempt(
          result,
          Duration.ofNanos(startedAt - queuedAt),
          Duration.ofNanos(System.nanoTime() - startedAt));
    } finally {
      permits.release();
    }
  }

  private AttemptResult exchange(HttpRequest request, WebhookEndpoint endpoint)
      throws InterruptedException {
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      return classify(response);
    } catch (HttpConnectTimeoutException e) {
      return retryable("connect timeout: " + describe(e), "connect_error");
    } catch (HttpTimeoutException e) {
      return retryable(
          "no response within " + endpoint.timeout().toMillis() + " ms (timeout)", "timeout");
    } catch (ConnectException e) {
      return retryable("connection failed: " + describe(e), "connect_error");
    } catch (IOException e) {
      return retryable("I/O error: " + describe(e), "io_error");
    }
  }

  HttpRequest request(
      WebhookEndpoint endpoint, String deliveryId, String event, int attempt, byte[] body) {
    URI url = endpoint.url();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(endpoint.timeout())
            // Over TLS, ALPN picks HTTP/2 when the receiver has it; in clear text HTTP/1.1 avoids
            // the h2c upgrade dance that many webhook servers do not expect.
            .version(
                url.getScheme().equalsIgnoreCase("https")
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    endpoint.headers().forEach((name, value) -> builder.header(name, value.reveal()));
    Instant now = clock.instant();
    return builder
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setHeader("User-Agent", USER_AGENT)
        .setHeader(IDEMPOTENCY_KEY_HEADER, deliveryId)
        .setHeader(DELIVERY_ID_HEADER, deliveryId)
        .setHeader(EVENT_HEADER, event)
        .setHeader(ATTEMPT_HEADER, Integer.toString(attempt))
        .setHeader(WebhookSignature.HEADER, WebhookSignature.header(endpoint.secret(), now, body))
        .build();
  }

  private AttemptResult classify(HttpResponse<InputStream> response) throws IOException {
    int status = response.statusCode();
    String excerpt = excerpt(response.body());
    if (status >= 200 && status < 300) {
      return new AttemptResult.Accepted(status);
    }
    String reason = "HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
    if (status == 429 || status >= 500) {
      Optional<Duration> retryAfter =
          RetryAfter.parse(
              response.headers().firstValue("Retry-After").orElse(null), clock.instant());
      return new AttemptResult.Retryable(status, reason, retryAfter, status == 429 ? "429" : "5xx");
    }
    return new AttemptResult.Rejected(status, reason);
  }

  /** The start of the response body as one line of text; the rest is not read. */
  private static String excerpt(InputStream body) throws IOException {
    try (body) {
      byte[] bytes = body.readNBytes(MAX_EXCERPT_BYTES);
      return new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    }
  }

  private static AttemptResult retryable(String reason, String metricResult) {
    return new AttemptResult.Retryable(null, reason, Optional.empty(), metricResult);
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    http.close();
  }
}
