package io.streamdesk.intent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the intent stream gets its classifier.
 *
 * @param modelsDir root of the versioned classifier artefacts ({@code <dir>/<language>/<version>/},
 *     as {@code ./cs intent-train} writes them), polled for new versions; a language without a
 *     usable model there is trained from the bundled default intents at start-up and saved there
 * @param pollInterval how often {@code modelsDir} is checked for a new version, at least 100 ms
 */
public record ClassifierSettings(Path modelsDir, Duration pollInterval) {

  public ClassifierSettings {
    Objects.requireNonNull(modelsDir, "modelsDir");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (pollInterval.toMillis() < 100) {
      throw new IllegalArgumentException(
          "the poll interval must be at least 100ms, was " + pollInterval);
    }
  }
}
