package io.streamdesk.dispatcher;

import java.time.Duration;
import java.util.Optional;

/**
 * What one webhook call came to, as the retry rule sees it: accepted (2xx), rejected for good (any
 * other status below 500 except 429: retrying cannot fix the request), or worth another attempt
 * (5xx, 429, a timeout, a connection or I/O error).
 */
sealed interface AttemptResult {

  /** The label of the attempt in {@code streamdesk_dispatcher_attempts_total{result}}. */
  String metricResult();

  /** The receiver took the delivery. */
  record Accepted(int status) implements AttemptResult {
    @Override
    public String metricResult() {
      return "2xx";
    }
  }

  /** The receiver refused it in a way another attempt cannot change. */
  record Rejected(int status, String reason) implements AttemptResult {
    @Override
    public String metricResult() {
      return status / 100 + "xx";
    }
  }

  /**
   * Worth another attempt.
   *
   * @param status the HTTP status when there was a response, else null
   * @param reason what happened, for DeliveryFailed.reason
   * @param retryAfter the receiver's Retry-After, if it sent one
   * @param metricResult 5xx, 429, timeout, connect_error or io_error
   */
  record Retryable(
      Integer status, String reason, Optional<Duration> retryAfter, String metricResult)
      implements AttemptResult {}
}
