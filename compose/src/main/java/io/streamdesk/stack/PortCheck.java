package io.streamdesk.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a fixed port of the local stack that something else already holds, before anything starts:
 * a second {@code ./cs up} then gets one line that says what to do instead of the broker's bind
 * failure. Port 0 (any free port) is never busy.
 */
final class PortCheck {

  private PortCheck() {}

  /** The first busy port with the option that moves it, or empty when all are free. */
  static Optional<String> firstBusy(LocalStackOptions options) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("--kafka-port (Kafka)", options.kafkaPort());
    ports.put("--port (chat page and HTTP API)", options.httpPort());
    ports.put("--ops-port (health and metrics)", options.opsPort());
    for (Map.Entry<String, Integer> p : ports.entrySet()) {
      if (p.getValue() != 0 && !free(p.getValue())) {
        return Optional.of(
            "Port "
                + p.getValue()
                + " is in use: is another ./cs up running? Stop it, or choose another port with "
                + p.getKey()
                + ".");
      }
    }
    return Optional.empty();
  }

  static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
