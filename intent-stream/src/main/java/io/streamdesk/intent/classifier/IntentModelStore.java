package io.streamdesk.intent.classifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live intent models, one per language, hot-reloaded from a directory.
 *
 * <p>The store scans {@code root/<language>/} for version directories (layout in {@link
 * IntentModelArtefacts}) at start and then every poll interval. The newest version (versions sort
 * by their UTC timestamp prefix) replaces the live model of its language by one atomic swap of an
 * immutable map, so a classification in flight finishes on the model it started with and the next
 * one sees the new model; nothing restarts. A new version that cannot be loaded (corrupt, or
 * trained on another encoder than the language is embedded with) is refused with one warning and
 * the live model stays. Polling, rather than a WatchService, because it also works on network and
 * container-mounted file systems; a scan is one directory listing per language.
 */
public final class IntentModelStore implements IntentClassifier, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IntentModelStore.class);

  private final IntentModelStoreConfig config;
  private final AtomicReference<Map<String, IntentModel>> live = new AtomicReference<>(Map.of());
  private final Set<Path> refused = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService poller;

  private IntentModelStore(IntentModelStoreConfig config, boolean poll) {
    this.config = Objects.requireNonNull(config, "config");
    refresh();
    if (poll) {
      poller =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "intent-model-store");
                t.setDaemon(true);
                return t;
              });
      long millis = config.pollInterval().toMillis();
      poller.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
    } else {
      poller = null;
    }
  }

  /** Loads the newest model of every configured language and starts watching for new versions. */
  public static IntentModelStore open(IntentModelStoreConfig config) {
    return new IntentModelStore(config, true);
  }

  /** Loads the newest models once; {@link #refresh()} reloads on demand (tools, tests). */
  public static IntentModelStore openWithoutPolling(IntentModelStoreConfig config) {
    return new IntentModelStore(config, false);
  }

  @Override
  public IntentPrediction classify(String language, float[] vector) {
    IntentModel model = live.get().get(language);
    if (model == null) {
      throw new IntentModelException(
          "no intent model for language '"
              + language
              + "' under "
              + config.root()
              + " (train one with intent-train --lang "
              + language
              + ")");
    }
    return model.classify(vector);
  }

  @Override
  public Optional<String> encoderModelId(String language) {
    return Optional.ofNullable(live.get().get(language)).map(m -> m.metadata().encoderModelId());
  }

  @Override
  public Optional<String> modelVersion(String language) {
    return Optional.ofNullable(live.get().get(language)).map(IntentModel::version);
  }

  /** The live model of a language. */
  public Optional<IntentModel> model(String language) {
    return Optional.ofNullable(live.get().get(language));
  }

  /**
   * Scans the root now and swaps in newer versions.
   *
   * @return whether any language's live model changed
   */
  public synchronized boolean refresh() {
    Map<String, IntentModel> current = live.get();
    Map<String, IntentModel> next = new HashMap<>(current);
    boolean changed = false;
    for (var entry : config.encoderByLanguage().entrySet()) {
      String language = entry.getKey();
      IntentModel now = current.get(language);
      for (Path candidate : versionsNewestFirst(config.root().resolve(language))) {
        String version = candidate.getFileName().toString();
        if (now != null && version.compareTo(now.version()) <= 0) {
          break; // never downgrade a live model; older versions are fallbacks only at start
        }
        if (refused.contains(candidate)) {
          continue;
        }
        try {
          IntentModel model = IntentModelArtefacts.load(candidate, entry.getValue());
          next.put(language, model);
          changed = true;
          log.info(
              "Intent model for '{}' is now {} (was {}): {} labels, threshold {}",
              language,
              model.version(),
              now == null ? "none" : now.version(),
              model.metadata().labels().size(),
              model.metadata().threshold());
          break;
        } catch (IntentModelException e) {
          refused.add(candidate);
          log.warn("Refusing intent model {}: {}", candidate, e.getMessage());
        }
      }
    }
    if (changed) {
      live.set(Map.copyOf(next));
    }
    return changed;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // A scan failure must not kill the poller: the live models keep serving.
      log.warn("Intent model scan of {} failed: {}", config.root(), e.toString());
    }
  }

  private static List<Path> versionsNewestFirst(Path languageDir) {
    if (!Files.isDirectory(languageDir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(languageDir)) {
      return children
          .filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> Files.isRegularFile(p.resolve(IntentModelArtefacts.METADATA)))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    } catch (IOException e) {
      log.warn("Cannot list intent models in {}: {}", languageDir, e.toString());
      return List.of();
    }
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
