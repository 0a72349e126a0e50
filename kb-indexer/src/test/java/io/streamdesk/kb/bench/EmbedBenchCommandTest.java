package io.streamdesk.kb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EmbedBenchCommandTest {

  @TempDir Path dir;

  @Test
  void shouldReportThroughputOfBothModesAndTheBaselineAsJson() throws Exception {
    Path texts = Files.writeString(dir.resolve("texts.txt"), "订单什么时候发货？\n退款多久到账？\n\n如何修改密码？\n");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    int exit =
        new CommandLine(
                new EmbedBenchCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8)))
            .execute(
                "--model",
                "bge-small-zh-v15-q",
                "--texts",
                texts.toString(),
                "--batch-size",
                "2",
                "--rounds",
                "1",
                "--baseline",
                "--json");

    assertThat(exit).isZero();
    JsonNode json = new ObjectMapper().readTree(stdout.toString(StandardCharsets.UTF_8));
    assertThat(json.get("model").asText()).isEqualTo("bge-small-zh-v15-q");
    assertThat(json.get("texts").asInt()).isEqualTo(3);
    assertThat(json.get("one_by_one_per_s").asDouble()).isPositive();
    assertThat(json.get("batch32_per_s").asDouble()).isPositive();
    assertThat(json.get("baseline_plain_onnx").get("batch32_per_s").asDouble()).isPositive();
  }

  @Test
  void shouldTakeTheMedianOfRounds() {
    assertThat(Throughput.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Throughput.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
  }
}
