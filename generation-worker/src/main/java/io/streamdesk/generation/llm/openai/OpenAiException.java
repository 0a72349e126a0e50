package io.streamdesk.generation.llm.openai;

import io.streamdesk.generation.llm.GenerationException;

/**
 * A failed call to an OpenAI-compatible server. {@link #transientFailure()} says whether trying
 * again later may succeed (5xx, 429, timeouts, lost connections, an open circuit) or not (4xx: the
 * request itself is wrong, the key is refused...).
 */
public class OpenAiException extends GenerationException {

  private final int status;
  private final boolean transientFailure;

  public OpenAiException(
      String requestId, String message, int status, boolean transientFailure, Throwable cause) {
    super(requestId, message, cause);
    this.status = status;
    this.transientFailure = transientFailure;
  }

  /** The HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }

  public boolean transientFailure() {
    return transientFailure;
  }

  /** The circuit breaker is open: the call was not even tried. */
  public static final class CircuitOpenException extends OpenAiException {
    public CircuitOpenException(String requestId, String endpoint) {
      super(
          requestId,
          "circuit breaker open for " + endpoint + ": too many recent failures",
          0,
          true,
          null);
    }
  }
}
