package io.streamdesk.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConfigReferenceCommandTest {

  @Test
  void shouldPrintTheSharedKeysFoundOnTheClasspath() {
    // Given the command with captured output
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ConfigReferenceCommand());
    cli.setOut(new PrintWriter(out));

    // When it runs
    int exit = cli.execute();

    // Then it prints the Kafka and Streams tables
    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("### kafka")
        .contains("| `kafka.bootstrap.servers` | string | `127.0.0.1:9092` |")
        .contains("| `schema.registry.basic.auth.user.info` | secret |")
        .contains("### streams")
        .contains("| `streams.commit.interval` | duration | `50ms` |");
  }

  @Test
  void shouldFailClearlyForAnUnknownComponent() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ConfigReferenceCommand());
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("--component", "nope")).isEqualTo(1);
    assertThat(err.toString()).contains("no configuration definitions match [nope]");
  }
}
