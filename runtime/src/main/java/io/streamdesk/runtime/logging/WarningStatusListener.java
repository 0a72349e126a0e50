package io.streamdesk.runtime.logging;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Logback's own start-up status, reduced to what needs attention: warnings and errors go to stderr,
 * the routine INFO chatter nowhere. Without a listener Logback prints its whole status on
 * <b>stdout</b> when something is wrong, and stdout belongs to the commands' JSON output. Installed
 * with {@code -Dlogback.statusListenerClass} (the CLI sets it before Logback starts).
 */
public final class WarningStatusListener implements StatusListener {

  @Override
  public void addStatusEvent(Status status) {
    if (status.getEffectiveLevel() >= Status.WARN) {
      System.err.println("logback: " + status);
    }
  }
}
