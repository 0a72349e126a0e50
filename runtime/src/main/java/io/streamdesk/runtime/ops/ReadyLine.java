package io.streamdesk.runtime.ops;

import java.net.URI;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one line each service logs when it is ready, in one format everywhere so people and scripts
 * can wait for it: {@code intent-stream ready: ops http://127.0.0.1:PORT, in=cs.messages.inbound,
 * out=cs.messages.classified,cs.handoffs}.
 */
public final class ReadyLine {

  private static final Logger log = LoggerFactory.getLogger("io.streamdesk.ready");

  private ReadyLine() {}

  /** The line, without logging it. */
  public static String format(
      String service, URI ops, Collection<String> in, Collection<String> out) {
    return service
        + " ready: ops "
        + (ops == null ? "none" : ops.toString())
        + ", in="
        + (in.isEmpty() ? "-" : String.join(",", in))
        + ", out="
        + (out.isEmpty() ? "-" : String.join(",", out));
  }

  /** Logs the line at INFO (stderr, like every log) and returns it. */
  public static String announce(
      String service, URI ops, Collection<String> in, Collection<String> out) {
    String line = format(service, ops, in, out);
    log.info(line);
    return line;
  }
}
