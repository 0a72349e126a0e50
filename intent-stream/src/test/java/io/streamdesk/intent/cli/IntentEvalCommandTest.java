package io.streamdesk.intent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the real commands (real encoder) on a small slice of the bundled English intents. */
class IntentEvalCommandTest {

  @TempDir Path dir;

  static Path resource(String name) throws Exception {
    return Path.of(
        Objects.requireNonNull(IntentEvalCommandTest.class.getClassLoader().getResource(name))
            .toURI());
  }

  @Test
  void shouldPrintExactlyOneJsonObjectWithTheAgreedKeys() throws Exception {
    // Given small train and test files
    String[] args = {
      "--train",
      resource("intents-small/en/train.jsonl").toString(),
      "--test",
      resource("intents-small/en/test.jsonl").toString(),
      "--model",
      "bge-small-en-v15-q",
      "--folds",
      "3",
      "--embedding-cache",
      dir.resolve("cache").toString(),
      "--json"
    };

    // When intent-eval runs with --json
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new IntentEvalCommand()).execute(args);
    } finally {
      System.setOut(original);
    }

    // Then stdout holds one JSON object with exactly the keys, in order
    assertThat(exit).isZero();
    String out = stdout.toString(StandardCharsets.UTF_8).strip();
    assertThat(out.lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(out);
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "model",
            "train_examples",
            "test_examples",
            "threshold",
            "accuracy_in_scope",
            "macro_f1",
            "oos_recall",
            "oos_precision",
            "in_scope_false_reject",
            "examples_per_second");
    assertThat(json.get("model").asText()).isEqualTo("bge-small-en-v15-q");
    assertThat(json.get("train_examples").asInt()).isEqualTo(72);
    assertThat(json.get("test_examples").asInt()).isEqualTo(18);
    assertThat(json.get("accuracy_in_scope").asDouble()).isGreaterThan(0.5);
    assertThat(json.get("oos_recall").isNumber()).isTrue();
    assertThat(Files.list(dir.resolve("cache"))).hasSize(1);
  }

  @Test
  void shouldRejectABadThresholdWithAClearMessage() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    CommandLine cli = new CommandLine(new IntentTrainCommand());
    cli.setErr(new java.io.PrintWriter(stderr, true, StandardCharsets.UTF_8));

    int exit = cli.execute("--data", "x.jsonl", "--out", dir.toString(), "--threshold", "high");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("--threshold must be a number in [0,1] or 'auto', was 'high'");
  }
}
