package io.streamdesk.intent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the intent stream gets its classifier.
 *
 * @param modelsDir root of the versioned classifier artefacts ({@code <dir>/<language>/<version>/},
 *     as written by {@code ./cs intent-train}), polled for new versions; null trains one model per
 *     language at start-up from the default intent data bundled in the jar
 * @param pollInterval how often {@code modelsDir} is checked for a new version
 * @param cacheDir where models trained at start-up from the bundled intents are kept for the next
 *     start (used only without {@code modelsDir})
 */
public record ClassifierSettings(Path modelsDir, Duration pollInterval, Path cacheDir) {

  public ClassifierSettings {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(cacheDir, "cacheDir");
    if (pollInterval.toMillis() < 100) {
      throw new IllegalArgumentException(
          "the poll interval must be at least 100ms, was " + pollInterval);
    }
  }

  /** The artefact root, if one is configured. */
  public Optional<Path> modelsDirectory() {
    return Optional.ofNullable(modelsDir);
  }
}
