package io.streamdesk.ingest.intake;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request the connector refuses, rendered as RFC 9457 problem details ({@code
 * application/problem+json}): HTTP status, a stable machine-readable {@code code}, a short title,
 * and a detail sentence naming exactly what was wrong. Thrown anywhere in request handling; the web
 * layer renders it.
 */
public final class ApiProblem extends RuntimeException {

  /** Base of the problem {@code type} URIs; the code follows it. */
  public static final String TYPE_PREFIX = "urn:streamdesk:problem:";

  private final int status;
  private final String code;
  private final String title;
  private final Duration retryAfter;
  private final Map<String, Object> extras;

  private ApiProblem(
      int status,
      String code,
      String title,
      String detail,
      Duration retryAfter,
      Map<String, Object> extras) {
    super(detail, null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.title = Objects.requireNonNull(title, "title");
    this.retryAfter = retryAfter;
    this.extras = Map.copyOf(extras);
  }

  public static ApiProblem of(int status, String code, String title, String detail) {
    return new ApiProblem(status, code, title, detail, null, Map.of());
  }

  public static ApiProblem badRequest(String code, String detail) {
    return of(400, code, "Bad request", detail);
  }

  public static ApiProblem unauthorized(String detail) {
    return of(401, "unauthorized", "Missing or invalid API key", detail);
  }

  public static ApiProblem forbidden(String code, String detail) {
    return of(403, code, "Forbidden", detail);
  }

  public static ApiProblem tooLarge(String code, String detail) {
    return of(413, code, "Content too large", detail);
  }

  public static ApiProblem rateLimited(String limit, Duration retryAfter) {
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("limit", limit);
    extras.put("retry_after_seconds", retryAfterSeconds(retryAfter));
    return new ApiProblem(
        429,
        "rate_limited",
        "Too many requests",
        "The " + limit.replace('_', ' ') + " rate limit is exhausted; retry after the delay.",
        retryAfter,
        extras);
  }

  public static ApiProblem unavailable(String code, String detail, Duration retryAfter) {
    return new ApiProblem(503, code, "Service unavailable", detail, retryAfter, Map.of());
  }

  /** This problem with extra members in its body (e.g. the message id of a timed-out query). */
  public ApiProblem with(Map<String, ?> more) {
    Map<String, Object> all = new LinkedHashMap<>(extras);
    all.putAll(more);
    return new ApiProblem(status, code, title, getMessage(), retryAfter, all);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /** The delay for a Retry-After header, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  public Map<String, Object> extras() {
    return extras;
  }

  /** Whole seconds, rounded up, at least 1: Retry-After takes integers. */
  public static long retryAfterSeconds(Duration delay) {
    long millis = Math.max(1, delay.toMillis());
    return (millis + 999) / 1000;
  }
}
