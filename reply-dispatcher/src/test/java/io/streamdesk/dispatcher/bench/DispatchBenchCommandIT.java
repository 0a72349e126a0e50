package io.streamdesk.dispatcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DispatchBenchCommandIT {

  @Test
  void shouldPrintOneJsonObjectWithEveryReplyDeliveredOnce() throws Exception {
    // Given
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new DispatchBenchCommand());
    command.setOut(new PrintWriter(out));

    // When a small run, a fifth of the first attempts failing
    int exit =
        command.execute(
            "--replies",
            "60",
            "--conversations",
            "12",
            "--receiver-latency-ms",
            "1",
            "--fail-first-percent",
            "20");

    // Then
    assertThat(exit).isZero();
    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(result.get("completed").asBoolean()).isTrue();
    assertThat(result.get("acceptedCount").asInt()).isEqualTo(60);
    assertThat(result.get("duplicatesAccepted").asInt()).isZero();
    assertThat(result.get("requests").asInt()).isGreaterThan(60);
    assertThat(result.get("deliveriesPerSecond").asLong()).isPositive();
  }
}
