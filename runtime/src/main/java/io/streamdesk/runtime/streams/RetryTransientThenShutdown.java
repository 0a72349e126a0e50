package io.streamdesk.runtime.streams;

import io.streamdesk.schemas.registry.RegistryUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default uncaught-exception policy of a StreamDesk Streams app: a thread that died of a
 * passing outage (registry or cluster unreachable) is replaced, and re-processes from its last
 * committed offsets, at most {@code maxReplacements} times per {@code window}; anything else, or an
 * outage that keeps coming back, shuts the client down so its health check turns DOWN instead of
 * looping. Poison records never get here: the dead-letter handlers take them.
 */
public final class RetryTransientThenShutdown implements StreamsUncaughtExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(RetryTransientThenShutdown.class);

  private final String service;
  private final int maxReplacements;
  private final Duration window;
  private final Clock clock;
  private final Deque<Long> replacements = new ArrayDeque<>();

  public RetryTransientThenShutdown(
      String service, int maxReplacements, Duration window, Clock clock) {
    this.service = service;
    this.maxReplacements = maxReplacements;
    this.window = window;
    this.clock = clock;
  }

  /** Three replacements per minute. */
  public RetryTransientThenShutdown(String service) {
    this(service, 3, Duration.ofMinutes(1), Clock.systemUTC());
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
    long now = clock.millis();
    while (!replacements.isEmpty() && replacements.peekFirst() < now - window.toMillis()) {
      replacements.removeFirst();
    }
    if (isTransient(exception) && replacements.size() < maxReplacements) {
      replacements.addLast(now);
      log.error(
          "{}: stream thread died of a transient error, replacing it ({} of {} per {})",
          service,
          replacements.size(),
          maxReplacements,
          window,
          exception);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    log.error("{}: stream thread died, shutting the Streams client down", service, exception);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnavailableException || t instanceof RetriableException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
