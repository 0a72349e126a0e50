package io.streamdesk.schemas.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioRegistryProcessTest {

  @TempDir Path dir;

  @Test
  void shouldFailWithAClearMessageWhenTheDistributionIsMissing() {
    var options =
        new ApicurioRegistryProcess.Options(
            dir.resolve("apicurio-registry-3.3.3"),
            dir.resolve("run"),
            Duration.ofSeconds(5),
            "BACKWARD",
            Optional.empty());

    assertThatThrownBy(() -> ApicurioRegistryProcess.start(options))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("quarkus-run.jar")
        .hasMessageContaining("apicurio-registry-app")
        .hasMessageContaining("./mvnw -pl schemas verify");
  }

  @Test
  void shouldReportAProcessThatExitsDuringStartUpWithTheEndOfItsLog() throws IOException {
    Path distribution = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(distribution.resolve("quarkus-run.jar"), "not a jar");
    var options =
        new ApicurioRegistryProcess.Options(
            distribution, dir.resolve("run"), Duration.ofSeconds(30), "BACKWARD", Optional.empty());

    assertThatThrownBy(() -> ApicurioRegistryProcess.start(options))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited during start-up")
        .hasMessageContaining("quarkus-run.jar"); // the JVM's own complaint, from the log
  }
}
