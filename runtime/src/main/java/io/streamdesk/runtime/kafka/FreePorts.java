package io.streamdesk.runtime.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks ports nobody listens on right now (the kernel's choice for port 0). */
final class FreePorts {

  private FreePorts() {}

  /** A free port on the given interface, different from every port in {@code except}. */
  static int pick(String host, int... except) {
    for (int attempt = 0; attempt < 10; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
        socket.setReuseAddress(true);
        int port = socket.getLocalPort();
        if (!contains(except, port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not find a free port on " + host, e);
      }
    }
    throw new IllegalStateException("could not find a free port on " + host);
  }

  private static boolean contains(int[] ports, int port) {
    for (int p : ports) {
      if (p == port) {
        return true;
      }
    }
    return false;
  }
}
