package io.streamdesk.ingest.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every API request by route pattern, method and status ({@code
 * streamdesk.ingest.http.requests}, with a histogram for percentiles), and refuses bodies larger
 * than the configured limit (413) before they are read.
 */
final class RequestMetrics implements HandlerInterceptor {

  private static final String START = RequestMetrics.class.getName() + ".start";

  private final MeterRegistry meters;
  private final long maxRequestBytes;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  RequestMetrics(MeterRegistry meters, long maxRequestBytes) {
    this.meters = meters;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    request.setAttribute(START, System.nanoTime());
    if (request.getContentLengthLong() > maxRequestBytes) {
      throw io.streamdesk.ingest.intake.ApiProblem.tooLarge(
          "request_too_large", "the request body is larger than " + maxRequestBytes + " bytes");
    }
    return true;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    Object start = request.getAttribute(START);
    if (!(start instanceof Long startNanos)) {
      return;
    }
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String route = pattern == null ? "other" : pattern.toString();
    String key = request.getMethod() + ' ' + route + ' ' + response.getStatus();
    timers
        .computeIfAbsent(
            key,
            k ->
                Timer.builder("streamdesk.ingest.http.requests")
                    .description("HTTP requests of the ingest connector")
                    .tag("method", request.getMethod())
                    .tag("route", route)
                    .tag("status", Integer.toString(response.getStatus()))
                    .publishPercentileHistogram()
                    .register(meters))
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }
}
