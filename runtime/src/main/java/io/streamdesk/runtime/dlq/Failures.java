package io.streamdesk.runtime.dlq;

import io.streamdesk.schemas.registry.RegistryUnavailableException;
import org.apache.kafka.common.errors.RetriableException;

/** Tells a poison record from a passing outage. */
final class Failures {

  private Failures() {}

  /**
   * True when the error says nothing about the record: the registry or the cluster was briefly
   * unreachable. Such records must not go to the dead-letter topic; they are retried.
   */
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

  /** {@code Class: message}, for one-line logs. */
  static String summary(Throwable error) {
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }
}
