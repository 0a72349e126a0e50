package io.streamdesk.intent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the intent stream gets its classifier.
 *
 * @param artefactDir directory of versioned classifier artefacts, watched for new versions; null
 *     trains one at start-up from the default intent data bundled in the jar
 * @param reloadInterval how often the artefact directory is checked for a new version
 * @param oosThreshold out-of-scope threshold overriding the artefact's own, or null to keep it
 */
public record ClassifierSettings(Path artefactDir, Duration reloadInterval, Double oosThreshold) {

  public ClassifierSettings {
    Objects.requireNonNull(reloadInterval, "reloadInterval");
    if (reloadInterval.isNegative() || reloadInterval.isZero()) {
      throw new IllegalArgumentException("reload interval must be positive, was " + reloadInterval);
    }
    if (oosThreshold != null && !(oosThreshold >= 0 && oosThreshold <= 1)) {
      throw new IllegalArgumentException("oos threshold must be in [0, 1], was " + oosThreshold);
    }
  }

  public Optional<Path> artefactDirectory() {
    return Optional.ofNullable(artefactDir);
  }

  public Optional<Double> threshold() {
    return Optional.ofNullable(oosThreshold);
  }
}
