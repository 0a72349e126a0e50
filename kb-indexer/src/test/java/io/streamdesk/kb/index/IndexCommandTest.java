package io.streamdesk.kb.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IndexCommandTest {

  @TempDir Path kb;
  @TempDir Path indexDir;

  @Test
  void shouldPrintOneJsonSummaryAndExitOneWhenADocumentFailed() throws Exception {
    // Given a folder with one good and one corrupt document
    Files.writeString(
        kb.resolve("hours.txt"),
        "Our hotline is open daily from 9:00 to 22:00.",
        StandardCharsets.UTF_8);
    Files.write(kb.resolve("broken.docx"), "not a zip".getBytes(StandardCharsets.UTF_8));

    // When indexed with --json, twice
    Run first = run("--json", "--no-progress", "--index-dir", indexDir.toString(), kb.toString());
    Run second = run("--json", "--no-progress", "--index-dir", indexDir.toString(), kb.toString());

    // Then stdout is exactly one JSON object with the counts, and the exit code says a file failed
    assertThat(first.exitCode()).isEqualTo(1);
    JsonNode summary = new ObjectMapper().readTree(first.stdout());
    assertThat(first.stdout().strip().lines()).hasSize(1);
    assertThat(summary.get("added").asInt()).isEqualTo(1);
    assertThat(summary.get("failed").asInt()).isEqualTo(1);
    assertThat(summary.get("kb_version").asLong()).isEqualTo(1);
    assertThat(summary.get("failures").get(0).get("document").asText()).endsWith("broken.docx");
    assertThat(summary.get("failures").get(0).get("error").asText()).contains("Word document");
    JsonNode again = new ObjectMapper().readTree(second.stdout());
    assertThat(again.get("unchanged").asInt()).isEqualTo(1);
    assertThat(again.get("kb_version").asLong()).isEqualTo(1);
  }

  @Test
  void shouldRejectABadChunkSizeAsAUsageError() {
    Run run = run("--chunk-size", "10", "--index-dir", indexDir.toString(), kb.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("maxChars must be >= 50");
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new IndexCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
