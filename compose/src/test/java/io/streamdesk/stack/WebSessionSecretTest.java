package io.streamdesk.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSessionSecretTest {

  @TempDir Path data;

  @Test
  void shouldKeepTheSameKeyAcrossRestarts() throws Exception {
    // Given a first start that creates the key
    String first = WebSessionSecret.readOrCreate(data);

    // When the stack starts again on the same data directory
    String second = WebSessionSecret.readOrCreate(data);

    // Then the key is the same, long enough for the connector, and readable by its owner only
    assertThat(second).isEqualTo(first);
    assertThat(first).hasSize(64).matches("[0-9a-f]+");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("web-session.secret"))))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldGiveEachDataDirectoryItsOwnKey(@TempDir Path other) {
    assertThat(WebSessionSecret.readOrCreate(data))
        .isNotEqualTo(WebSessionSecret.readOrCreate(other));
  }
}
