package io.streamdesk.intent.classifier;

import io.streamdesk.knowledge.language.RoutingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an {@link IntentModelStore}.
 *
 * @param root the store root: {@code root/<language>/<version>/} (see {@link
 *     IntentModelArtefacts}); key {@code intent.models.dir}, default {@code models/intent}
 * @param encoderByLanguage the encoder each language's messages are embedded with; a model trained
 *     on another encoder is refused. Key {@code intent.models.encoders}, default the knowledge
 *     module's routing ({@code zh=bge-small-zh-v15-q,en=bge-small-en-v15-q})
 * @param pollInterval how often the root is scanned for new versions; key {@code
 *     intent.models.poll.interval}, default 10 s, at least 100 ms
 */
public record IntentModelStoreConfig(
    Path root, Map<String, String> encoderByLanguage, Duration pollInterval) {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
  public static final String DIR = "intent.models.dir";
  public static final String ENCODERS = "intent.models.encoders";
  public static final String POLL_INTERVAL = "intent.models.poll.interval";

  public IntentModelStoreConfig {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(pollInterval, "pollInterval");
    encoderByLanguage = Map.copyOf(encoderByLanguage);
    if (encoderByLanguage.isEmpty()) {
      throw new IllegalArgumentException("intent.models.encoders needs at least one language");
    }
    if (pollInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException(
          "intent.models.poll.interval must be at least 100 ms, was " + pollInterval);
    }
  }

  /**
   * Reads the keys above from properties; absent keys take their defaults. The poll interval is an
   * ISO-8601 duration ({@code PT10S}) or a number of milliseconds.
   *
   * @throws IllegalArgumentException naming the key whose value is invalid
   */
  public static IntentModelStoreConfig fromProperties(Map<String, String> properties) {
    Path root = Path.of(properties.getOrDefault(DIR, "models/intent"));
    String encoders = properties.get(ENCODERS);
    Map<String, String> byLanguage =
        encoders == null
            ? RoutingConfig.defaults().modelByLanguage()
            : RoutingConfig.parse(encoders, encoders.split("=", 2)[0].strip()).modelByLanguage();
    String poll = properties.get(POLL_INTERVAL);
    Duration interval;
    try {
      interval =
          poll == null
              ? DEFAULT_POLL_INTERVAL
              : poll.strip().chars().allMatch(Character::isDigit)
                  ? Duration.ofMillis(Long.parseLong(poll.strip()))
                  : Duration.parse(poll.strip());
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          POLL_INTERVAL
              + " must be an ISO-8601 duration (PT10S) or milliseconds, was '"
              + poll
              + "'",
          e);
    }
    return new IntentModelStoreConfig(root, byLanguage, interval);
  }
}
