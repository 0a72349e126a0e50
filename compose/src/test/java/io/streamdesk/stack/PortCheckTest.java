package io.streamdesk.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCheckTest {

  @Test
  void shouldNameTheOptionOfAPortSomethingElseHolds() throws Exception {
    // Given a port held by another process's socket
    try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      LocalStackOptions options = options(held.getLocalPort());

      // Then the check names it and the option that moves the broker
      assertThat(PortCheck.firstBusy(options))
          .hasValueSatisfying(
              line ->
                  assertThat(line)
                      .contains(Integer.toString(held.getLocalPort()))
                      .contains("--kafka-port"));
    }
  }

  @Test
  void shouldFindNothingBusyWhenEveryPortIsChosenFree() {
    assertThat(PortCheck.firstBusy(options(0))).isEmpty();
  }

  private static LocalStackOptions options(int kafkaPort) {
    return new LocalStackOptions(
        Path.of("data"), 0, 0, kafkaPort, "extractive", null, List.of(), 1, Map.of());
  }
}
