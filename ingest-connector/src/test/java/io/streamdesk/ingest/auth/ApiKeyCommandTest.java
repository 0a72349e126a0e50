package io.streamdesk.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApiKeyCommandTest {

  @Test
  void shouldPrintAKeyAndTheHashedEntryThatAuthenticatesIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new ApiKeyCommand()).execute("--channel", "app");
    } finally {
      System.setOut(original);
    }

    assertThat(exit).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
    String key = json.get("key").asString();
    ApiKeys keys = new ApiKeys(List.of(ApiKeyEntry.parse(json.get("entry").asString())));
    assertThat(keys.authenticate(key).orElseThrow().channel()).isEqualTo("app");
    assertThat(json.get("entry").asString()).doesNotContain(key);
  }
}
