package io.streamdesk.ingest.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdminKeyTest {

  @Test
  void shouldMatchOnlyTheKeyWhoseHashIsConfigured() {
    String key = AdminKey.generate();
    AdminKey stored = AdminKey.parse(AdminKey.of(key).format());

    assertThat(stored.matches(key)).isTrue();
    assertThat(stored.matches(key + "x")).isFalse();
    assertThat(stored.matches("")).isFalse();
    assertThat(stored.matches(null)).isFalse();
    assertThat(stored.matches("k".repeat(AdminKey.MAX_KEY_LENGTH + 1))).isFalse();
  }

  @Test
  void shouldRefuseAMalformedHashWithoutEchoingIt() {
    assertThatThrownBy(() -> AdminKey.parse("my-plain-admin-password"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sha256:")
        .hasMessageNotContaining("my-plain-admin-password");
  }

  @Test
  void shouldPrintAKeyAndTheHashThatOpensThePage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new AdminKeyCommand()).execute();
    } finally {
      System.setOut(original);
    }

    assertThat(exit).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
    String key = json.get("key").asString();
    assertThat(key).startsWith("sda_");
    assertThat(AdminKey.parse(json.get("keyHash").asString()).matches(key)).isTrue();
    assertThat(json.get("config").asString())
        .isEqualTo("ingest.admin.key-hash=" + json.get("keyHash").asString())
        .doesNotContain(key);
  }
}
