package io.streamdesk.generation.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GenBenchCommandTest {

  @Test
  void shouldPrintOneJsonObjectWithAResultPerConcurrency() throws Exception {
    // Given the test model
    Path dir = Path.of(getClass().getResource("/tiny-llm/config.json").toURI()).getParent();
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new GenBenchCommand());
    cli.setOut(new PrintWriter(out));

    // When benchmarking two small levels
    int code =
        cli.execute(
            "--model-dir",
            dir.toString(),
            "--concurrency",
            "1,2",
            "--requests-per-client",
            "1",
            "--max-new-tokens",
            "4",
            "--json");

    // Then stdout holds exactly the documented JSON
    assertThat(code).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.path("model_dir").asText()).isEqualTo(dir.toString());
    assertThat(json.path("results")).hasSize(2);
    JsonNode first = json.path("results").get(0);
    assertThat(first.path("concurrency").asInt()).isEqualTo(1);
    assertThat(first.path("tokens_per_s").asDouble()).isPositive();
    assertThat(first.path("ttft_ms_p50").asDouble()).isPositive();
    assertThat(first.path("ttft_ms_p99").asDouble())
        .isGreaterThanOrEqualTo(first.path("ttft_ms_p50").asDouble());
    assertThat(json.path("results").get(1).path("concurrency").asInt()).isEqualTo(2);
  }

  @Test
  void shouldExplainAMissingModelDirectory() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GenBenchCommand());
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("--model-dir", "/no/such/model");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("not found");
  }
}
