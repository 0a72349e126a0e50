package io.streamdesk.intent.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TextBenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new TextBenchCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void shouldPrintOneJsonObjectWithCountsPerLabel(@TempDir Path dir) throws IOException {
    // Given labelled messages with PII, a request for a human, a complaint and profanity
    Path data =
        Files.writeString(
            dir.resolve("msgs.jsonl"),
            """
            {"text": "转人工", "label": "human_agent"}
            {"text": "手机13812345678，订单2024051812345", "label": "order_status"}
            {"text": "你们就是骗子，我要打12315", "label": "complaint"}
            {"text": "傻逼客服", "label": "complaint"}

            {"text": "你好", "label": "greeting"}
            """);

    // When
    int exit = run("--data", data.toString(), "--warmup", "10", "--json");

    // Then stdout is exactly one JSON object holding counts, never message text
    assertThat(exit).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("messages").asInt()).isEqualTo(5);
    assertThat(json.get("pii_by_type").get("PHONE").asInt()).isEqualTo(1);
    assertThat(json.get("policy_hits_by_category").get("profanity").asInt()).isEqualTo(1);
    assertThat(json.get("handoff_by_reason").get("USER_REQUEST").asInt()).isEqualTo(1);
    assertThat(json.get("handoff_by_reason").get("COMPLAINT").asInt()).isEqualTo(1);
    assertThat(json.get("by_label").get("human_agent").get("user_request").asInt()).isEqualTo(1);
    assertThat(json.get("messages_per_second").asDouble()).isPositive();
    assertThat(json.has("p99_us")).isTrue();
    assertThat(out.toString()).doesNotContain("13812345678").doesNotContain("骗子");
  }

  @Test
  void shouldAcceptPlainTextLines(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("msgs.txt"), "hello\nI want a human\n");

    assertThat(run("--data", data.toString(), "--warmup", "0", "--json")).isZero();
    assertThat(new ObjectMapper().readTree(out.toString()).get("messages").asInt()).isEqualTo(2);
  }

  @Test
  void shouldFailWithExitCode2OnBadInput(@TempDir Path dir) throws IOException {
    assertThat(run("--data", dir.resolve("missing.jsonl").toString(), "--json")).isEqualTo(2);
    assertThat(err.toString()).contains("missing.jsonl");

    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"ok\"}\n{\"txt\": 1}\n");
    assertThat(run("--data", bad.toString(), "--json")).isEqualTo(2);
    assertThat(err.toString()).contains("bad.jsonl:2");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldReadPipelineSettingsFromAPropertiesFile(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("msgs.txt"), "客服热线400-810-8888\n");
    Path config =
        Files.writeString(dir.resolve("text.properties"), "text.pii.mask-service-numbers=true\n");

    assertThat(
            run(
                "--data",
                data.toString(),
                "--config",
                config.toString(),
                "--warmup",
                "0",
                "--json"))
        .isZero();
    assertThat(new ObjectMapper().readTree(out.toString()).get("pii_messages").asInt())
        .isEqualTo(1);
  }
}
