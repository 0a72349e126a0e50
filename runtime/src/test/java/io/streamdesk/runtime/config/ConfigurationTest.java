package io.streamdesk.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

  enum Mode {
    FAST,
    LOW_LATENCY
  }

  static final ConfigKey<String> NAME =
      ConfigKey.string("demo.name").withDefault("default-name").withDoc("A name.");
  static final ConfigKey<Integer> SIZE =
      ConfigKey.integer("demo.size")
          .withDefault(3)
          .withDoc("A size.")
          .withValidator(ConfigValidator.atLeast(1));
  static final ConfigKey<Duration> WAIT =
      ConfigKey.duration("demo.wait").withDefault(Duration.ofMillis(50)).withDoc("A wait.");
  static final ConfigKey<Path> MODEL = ConfigKey.path("demo.model-dir").required().withDoc("Dir.");
  static final ConfigKey<Secret> TOKEN = ConfigKey.secret("demo.api.token").withDoc("Token.");
  static final ConfigKey<Mode> MODE =
      ConfigKey.enumKey("demo.mode", Mode.class).withDefault(Mode.FAST).withDoc("Mode.");
  static final ConfigKey<List<String>> TAGS = ConfigKey.list("demo.tags").withDoc("Tags.");

  static final ConfigDefinition DEMO =
      ConfigDefinition.of("demo", NAME, SIZE, WAIT, MODEL, TOKEN, MODE, TAGS)
          .withPassThrough("demo.client.", "Client settings.");

  @Test
  void shouldTakeEachValueFromTheHighestLayerThatSetsIt(@TempDir Path dir) throws IOException {
    // Given four layers setting overlapping keys
    Path file = dir.resolve("demo.properties");
    Files.writeString(
        file, "demo.name=from-file\ndemo.size=9\ndemo.wait=2s\ndemo.model-dir=/file\n");
    String sysKey = "demo.mode";
    System.setProperty(sysKey, "low-latency");
    try {
      Configuration config =
          Configuration.builder()
              .overrides(Map.of("demo.name", "explicit"))
              .systemProperties()
              .environment(Map.of("STREAMDESK_DEMO_NAME", "env", "STREAMDESK_DEMO_SIZE", "7"))
              .propertiesFile(file, true)
              .build();

      // When the definition is resolved
      ConfigValues values = config.resolve(DEMO);

      // Then explicit > system property > environment > file > default
      assertThat(values.get(NAME)).isEqualTo("explicit");
      assertThat(values.get(MODE)).isEqualTo(Mode.LOW_LATENCY);
      assertThat(values.get(SIZE)).isEqualTo(7);
      assertThat(values.get(WAIT)).isEqualTo(Duration.ofSeconds(2));
      assertThat(values.get(MODEL)).isEqualTo(Path.of("/file"));
      assertThat(values.find(TOKEN)).isEmpty();
      assertThat(values.sourceOf(NAME)).contains("explicit values");
      assertThat(values.sourceOf(SIZE)).contains("environment");
      assertThat(values.sourceOf(MODEL)).contains("file " + file);
    } finally {
      System.clearProperty(sysKey);
    }
  }

  @Test
  void shouldUseDefaultsForKeysNoLayerSets() {
    // Given only the required key
    ConfigValues values = Configuration.of(Map.of("demo.model-dir", "/m")).resolve(DEMO);

    // Then every other key has its default
    assertThat(values.get(NAME)).isEqualTo("default-name");
    assertThat(values.get(SIZE)).isEqualTo(3);
    assertThat(values.get(WAIT)).isEqualTo(Duration.ofMillis(50));
    assertThat(values.sourceOf(SIZE)).contains("default");
  }

  @Test
  void shouldReportEveryProblemInOneError() {
    // Given a missing required key, an unparsable number, a value breaking a rule and a bad enum
    Configuration config =
        Configuration.builder()
            .overrides(Map.of("demo.size", "0", "demo.mode", "turbo"))
            .environment(Map.of("STREAMDESK_DEMO_WAIT", "soon"))
            .build();

    // When / Then one exception lists them all, each saying where the value came from
    assertThatThrownBy(() -> config.resolve(DEMO))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.component()).isEqualTo("demo");
              assertThat(e.problems()).hasSize(4);
              assertThat(e.getMessage())
                  .startsWith("Invalid configuration of demo (4 problems):")
                  .contains(
                      "demo.size: value '0' from demo.size in explicit values must be at least 1")
                  .contains(
                      "demo.wait: value 'soon' from environment variable STREAMDESK_DEMO_WAIT is not a duration")
                  .contains("demo.model-dir: required but not set")
                  .contains("STREAMDESK_DEMO_MODEL_DIR")
                  .contains("demo.mode: value 'turbo'");
            });
  }

  @Test
  void shouldNeverPrintSecretValues() {
    // Given a secret set with a validator that rejects it, and sensitive pass-through keys
    ConfigKey<Secret> strict =
        TOKEN.withValidator(ConfigValidator.of(s -> s.reveal().length() > 20, "is too short"));
    ConfigDefinition definition =
        ConfigDefinition.of("secretive", strict).withPassThrough("demo.client.", "Client.");
    Configuration bad = Configuration.of(Map.of("demo.api.token", "hunter2"));
    Configuration good =
        Configuration.of(
            Map.of(
                "demo.api.token", "a-very-long-secret-token-value",
                "demo.client.sasl.jaas.config", "user=\"u\" password=\"p4ss\"",
                "demo.client.acks", "all"));

    // When the configuration fails, and when a good one is described
    // Then neither the error nor the description shows the secret
    assertThatThrownBy(() -> bad.resolve(definition))
        .hasMessageContaining("demo.api.token: value ******")
        .hasMessageNotContaining("hunter2");
    ConfigValues values = good.resolve(definition);
    assertThat(values.get(strict).reveal()).isEqualTo("a-very-long-secret-token-value");
    assertThat(values.get(strict)).hasToString(Secret.MASK);
    assertThat(values.describe())
        .contains("demo.api.token = ******")
        .contains("demo.client.sasl.jaas.config = ******")
        .contains("demo.client.acks = all")
        .doesNotContain("a-very-long-secret")
        .doesNotContain("p4ss");
  }

  @Test
  void shouldCollectPassThroughKeysFromEveryLayerWithThePrefixStripped() {
    // Given client settings spread over code and environment
    Configuration config =
        Configuration.builder()
            .overrides(Map.of("demo.client.acks", "all", "demo.model-dir", "/m"))
            .environment(
                Map.of(
                    "STREAMDESK_DEMO_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                    "STREAMDESK_DEMO_CLIENT_ACKS", "1"))
            .build();

    // When resolved
    Map<String, String> client = config.resolve(DEMO).passThrough("demo.client.");

    // Then the higher layer wins and environment names map back to dotted keys
    assertThat(client)
        .containsOnly(Map.entry("acks", "all"), Map.entry("security.protocol", "SASL_SSL"));
  }

  @Test
  void shouldReadThePropertiesFileNamedByConfigFile(@TempDir Path dir) throws IOException {
    // Given a properties file named through the standard config.file key
    Path file = dir.resolve("stack.properties");
    Files.writeString(file, "demo.model-dir=/models\ndemo.tags=a, b,,c\n");

    // When loading with the standard layering
    ConfigValues values = Configuration.load(Map.of("config.file", file.toString())).resolve(DEMO);

    // Then the file's values apply
    assertThat(values.get(MODEL)).isEqualTo(Path.of("/models"));
    assertThat(values.get(TAGS)).containsExactly("a", "b", "c");
  }

  @Test
  void shouldRefuseAMissingConfigFileThatWasAskedFor(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> Configuration.load(Map.of("config.file", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config file " + missing + " does not exist");
  }

  @Test
  void shouldParseDurationsInEveryDocumentedForm() {
    assertThat(ConfigType.DURATION.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(ConfigType.DURATION.parse("250")).isEqualTo(Duration.ofMillis(250));
    assertThat(ConfigType.DURATION.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(ConfigType.DURATION.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ConfigType.DURATION.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(ConfigType.DURATION.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(ConfigType.DURATION.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    assertThat(ConfigType.DURATION.format(Duration.ofMillis(50))).isEqualTo("50ms");
    assertThat(ConfigType.DURATION.format(Duration.ofMinutes(2))).isEqualTo("2m");
  }

  @Test
  void shouldRenderAReferenceRowForEveryKeyAndPassThrough() {
    // When the reference is rendered
    String markdown = ConfigReference.markdown(DEMO);

    // Then every key appears with type, default, environment variable and doc
    assertThat(markdown)
        .contains("### demo")
        .contains("| `demo.size` | int | `3` | `STREAMDESK_DEMO_SIZE` | A size. |")
        .contains("| `demo.wait` | duration | `50ms` | `STREAMDESK_DEMO_WAIT` | A wait. |")
        .contains("| `demo.model-dir` | path | **required** | `STREAMDESK_DEMO_MODEL_DIR` | Dir. |")
        .contains("| `demo.client.*` | pass-through |");
  }

  @Test
  void shouldRefuseToReadAKeyOutsideTheDefinition() {
    ConfigValues values = Configuration.of(Map.of("demo.model-dir", "/m")).resolve(DEMO);
    ConfigKey<String> other = ConfigKey.string("other.key");
    assertThatThrownBy(() -> values.get(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other.key is not a key of demo");
  }
}
