package io.streamdesk.intent.classifier;

import java.nio.file.Path;
import java.time.Duration;
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
}
