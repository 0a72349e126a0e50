package io.streamdesk.knowledge.settings;

import io.streamdesk.knowledge.encoder.ModelCatalogue;
import io.streamdesk.knowledge.index.HybridConfig;
import io.streamdesk.knowledge.index.IndexBackend;
import io.streamdesk.knowledge.index.qdrant.QdrantIndexConfig;
import io.streamdesk.knowledge.language.RoutingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the knowledge base lives and which model embeds which language: the settings every reader
 * and writer of the knowledge base must agree on. {@link #KEYS} declares the configuration keys
 * (the kb-indexer's {@code kb.index.dir}, {@code kb.routing} and {@code kb.fallback.language} keep
 * their names and defaults); {@link #parse} validates raw values and reports every problem at once;
 * {@link io.streamdesk.knowledge.index.VectorIndexes#open} opens the index they describe.
 *
 * @param backend lucene (embedded folder) or qdrant (server)
 * @param luceneDirectory folder of the Lucene index (backend lucene)
 * @param qdrant connection and layout of the Qdrant index (backend qdrant)
 * @param routing embedding model per language: a query vector is only comparable with an index
 *     language built by the same model
 * @param hybrid ranking settings of the index's own hybrid mode
 */
public record KnowledgeSettings(
    IndexBackend backend,
    Path luceneDirectory,
    QdrantIndexConfig qdrant,
    RoutingConfig routing,
    HybridConfig hybrid) {

  public static final KnowledgeSetting INDEX_BACKEND =
      new KnowledgeSetting(
          "kb.index.backend",
          "lucene",
          "Knowledge-base index: lucene (embedded folder kb.index.dir, one writer per folder: the"
              + " single-JVM stack) or qdrant (server at kb.qdrant.*, shared by every process).",
          false);

  public static final KnowledgeSetting INDEX_DIR =
      new KnowledgeSetting(
          "kb.index.dir",
          Path.of(".streamdesk", "index").toString(),
          "Folder of the embedded Lucene knowledge-base index (one writer per folder).",
          false);

  public static final KnowledgeSetting QDRANT_HOST =
      new KnowledgeSetting("kb.qdrant.host", "localhost", "Qdrant host (backend qdrant).", false);

  public static final KnowledgeSetting QDRANT_PORT =
      new KnowledgeSetting("kb.qdrant.port", "6334", "Qdrant gRPC port (backend qdrant).", false);

  public static final KnowledgeSetting QDRANT_TLS =
      new KnowledgeSetting("kb.qdrant.tls", "false", "TLS on the Qdrant gRPC channel.", false);

  public static final KnowledgeSetting QDRANT_API_KEY =
      new KnowledgeSetting(
          "kb.qdrant.api-key", null, "Qdrant API key; optional, never printed.", true);

  public static final KnowledgeSetting QDRANT_COLLECTION_PREFIX =
      new KnowledgeSetting(
          "kb.qdrant.collection-prefix",
          "streamdesk_kb",
          "Qdrant collections are <prefix>_<language> and <prefix>_documents.",
          false);

  public static final KnowledgeSetting QDRANT_TIMEOUT =
      new KnowledgeSetting(
          "kb.qdrant.timeout", "10s", "Deadline of each Qdrant call (e.g. 500ms, 10s).", false);

  public static final KnowledgeSetting ROUTING =
      new KnowledgeSetting(
          "kb.routing",
          "zh=bge-small-zh-v15-q,en=bge-small-en-v15-q",
          "Embedding model per language, LANG=MODEL comma-separated (models: see ModelCatalogue).",
          false);

  public static final KnowledgeSetting FALLBACK_LANGUAGE =
      new KnowledgeSetting(
          "kb.fallback.language",
          "en",
          "Language (a key of kb.routing) for text in a language with no model.",
          false);

  /** Every key, in reference order. */
  public static final List<KnowledgeSetting> KEYS =
      List.of(
          INDEX_BACKEND,
          INDEX_DIR,
          QDRANT_HOST,
          QDRANT_PORT,
          QDRANT_TLS,
          QDRANT_API_KEY,
          QDRANT_COLLECTION_PREFIX,
          QDRANT_TIMEOUT,
          ROUTING,
          FALLBACK_LANGUAGE);

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  public KnowledgeSettings {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(luceneDirectory, "luceneDirectory");
    Objects.requireNonNull(qdrant, "qdrant");
    Objects.requireNonNull(routing, "routing");
    hybrid = hybrid == null ? HybridConfig.defaults() : hybrid;
  }

  /** Every key at its default: the Lucene folder {@code .streamdesk/index}, default routing. */
  public static KnowledgeSettings defaults() {
    return parse(key -> null);
  }

  /** The same settings on a Lucene folder (tests, commands given a folder). */
  public static KnowledgeSettings lucene(Path directory, RoutingConfig routing) {
    return new KnowledgeSettings(
        IndexBackend.LUCENE, directory, QdrantIndexConfig.of("localhost", 6334), routing, null);
  }

  /**
   * Parses raw values (null or blank = unset, the default applies).
   *
   * @param raw the raw value of a key name, or null
   * @throws IllegalArgumentException listing every invalid value, one per line, each naming its key
   */
  public static KnowledgeSettings parse(Function<String, String> raw) {
    List<String> problems = new ArrayList<>();
    IndexBackend backend =
        attempt(problems, INDEX_BACKEND, () -> IndexBackend.parse(value(raw, INDEX_BACKEND)));
    Path dir = attempt(problems, INDEX_DIR, () -> Path.of(value(raw, INDEX_DIR)));
    Integer port =
        attempt(
            problems,
            QDRANT_PORT,
            () -> {
              int p = Integer.parseInt(value(raw, QDRANT_PORT).strip());
              if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("must be a port in [1, 65535]");
              }
              return p;
            });
    Boolean tls = attempt(problems, QDRANT_TLS, () -> bool(value(raw, QDRANT_TLS)));
    Duration timeout =
        attempt(problems, QDRANT_TIMEOUT, () -> duration(value(raw, QDRANT_TIMEOUT)));
    String apiKey = value(raw, QDRANT_API_KEY);
    QdrantIndexConfig qdrant =
        port == null || tls == null || timeout == null
            ? null
            : attempt(
                problems,
                QDRANT_HOST,
                () ->
                    new QdrantIndexConfig(
                        value(raw, QDRANT_HOST),
                        port,
                        tls,
                        apiKey == null || apiKey.isBlank() ? null : apiKey,
                        value(raw, QDRANT_COLLECTION_PREFIX),
                        timeout,
                        24,
                        HybridConfig.defaults()));
    RoutingConfig routing =
        attempt(
            problems,
            ROUTING,
            () -> {
              RoutingConfig r =
                  RoutingConfig.parse(value(raw, ROUTING), value(raw, FALLBACK_LANGUAGE));
              r.modelByLanguage().values().forEach(ModelCatalogue::require);
              return r;
            });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid knowledge-base settings:\n  " + String.join("\n  ", problems));
    }
    return new KnowledgeSettings(backend, dir, qdrant, routing, HybridConfig.defaults());
  }

  /** The embedding model the index was built with for a language (or the fallback language). */
  public String modelFor(String language) {
    return routing.modelFor(resolveLanguage(language));
  }

  /** A configured language for any language code: itself if configured, else the fallback. */
  public String resolveLanguage(String language) {
    return language != null && routing.modelByLanguage().containsKey(language)
        ? language
        : routing.fallbackLanguage();
  }

  /** Where the index is, for logs: never the API key. */
  public String describe() {
    return switch (backend) {
      case LUCENE -> "lucene:" + luceneDirectory.toAbsolutePath();
      case QDRANT -> "qdrant:" + qdrant;
    };
  }

  private static String value(Function<String, String> raw, KnowledgeSetting setting) {
    String v = raw.apply(setting.name());
    return v == null || v.isBlank() ? setting.defaultValue() : v.strip();
  }

  private static boolean bool(String raw) {
    return switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  private static Duration duration(String raw) {
    String s = raw.strip().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      return Duration.parse(s.toUpperCase(Locale.ROOT));
    }
    Matcher m = DURATION.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a duration such as 500ms, 10s or 2m");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (d.isZero()) {
      throw new IllegalArgumentException("must be positive");
    }
    return d;
  }

  private interface Parse<T> {
    T get();
  }

  private static <T> T attempt(List<String> problems, KnowledgeSetting setting, Parse<T> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      problems.add(setting.name() + ": " + e.getMessage());
      return null;
    }
  }
}
