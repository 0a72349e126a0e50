package io.streamdesk.stack.access;

import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A connection of the data tools ({@code ./cs bench}, {@code replay}, {@code export}) to a
 * StreamDesk cluster: its Kafka settings, serdes on its registry, and the configuration services
 * started against it get.
 *
 * <p>A local stack's registry is the in-process {@code mock://} one of another JVM, so its schema
 * journal ({@code <data-dir>/schemas.jsonl}) is loaded read-only into a scope of this process
 * ({@link InMemorySchemaRegistry#loadFrom}); a real registry is used as it is.
 */
public final class ClusterAccess implements AutoCloseable {

  /** The journal of a local stack's registry, under its data directory. */
  public static final String SCHEMA_JOURNAL = "schemas.jsonl";

  private static final Path DEFAULT_DATA_DIR = Path.of(".streamdesk");

  private final Map<String, String> configuration;
  private final KafkaSettings kafka;
  private final AvroTopicSerdes serdes;
  private final Path dataDir;
  private final String mockScope;
  private final boolean ownsSerdes;

  private ClusterAccess(
      Map<String, String> configuration,
      KafkaSettings kafka,
      AvroTopicSerdes serdes,
      Path dataDir,
      String mockScope,
      boolean ownsSerdes) {
    this.configuration = Map.copyOf(configuration);
    this.kafka = kafka;
    this.serdes = Objects.requireNonNull(serdes, "serdes");
    this.dataDir = dataDir;
    this.mockScope = mockScope;
    this.ownsSerdes = ownsSerdes;
  }

  /**
   * Connects as the options say: a local stack when {@code --bootstrap} or {@code --data-dir} is
   * given or the configured registry is {@code mock://}, the configured cluster otherwise.
   *
   * @throws IllegalArgumentException when a local stack's schema journal is missing
   * @throws io.streamdesk.runtime.config.ConfigException on invalid configuration
   */
  public static ClusterAccess connect(ClusterOptions options) {
    Map<String, String> given = new LinkedHashMap<>(options.overrides());
    if (options.bootstrap() != null) {
      given.put(KafkaSettings.BOOTSTRAP_SERVERS.name(), options.bootstrap());
    }
    KafkaSettings configured = KafkaSettings.load(Configuration.load(given));
    if (!options.namesLocalStack() && !configured.registryConfig().isMock()) {
      return new ClusterAccess(
          given, configured, AvroTopicSerdes.create(configured.registryConfig()), null, null, true);
    }
    Path dataDir = options.dataDir() != null ? options.dataDir() : DEFAULT_DATA_DIR;
    Path journal = dataDir.resolve(SCHEMA_JOURNAL);
    if (!Files.isRegularFile(journal)) {
      throw new IllegalArgumentException(
          "no schema journal at "
              + journal.toAbsolutePath()
              + ": point --data-dir at the data directory of the running ./cs up, or set"
              + " schema.registry.url (STREAMDESK_SCHEMA_REGISTRY_URL) to your registry");
    }
    String scope = "cs-tools-" + UUID.randomUUID();
    InMemorySchemaRegistry.forScope(scope).loadFrom(journal);
    given.put(KafkaSettings.SCHEMA_REGISTRY_URL.name(), RegistryConfig.MOCK_SCHEME + scope);
    KafkaSettings kafka = KafkaSettings.load(Configuration.load(given));
    return new ClusterAccess(
        given, kafka, AvroTopicSerdes.create(kafka.registryConfig()), dataDir, scope, true);
  }

  /**
   * Access to a cluster this JVM already reaches with {@code kafka} and {@code serdes} (the
   * benchmark's own stack, tests); the serdes stay open when this closes.
   */
  public static ClusterAccess inProcess(
      KafkaSettings kafka, AvroTopicSerdes serdes, Map<String, String> configuration) {
    Map<String, String> given = new LinkedHashMap<>(configuration);
    given.put(KafkaSettings.BOOTSTRAP_SERVERS.name(), kafka.bootstrapServers());
    given.put(KafkaSettings.SCHEMA_REGISTRY_URL.name(), kafka.schemaRegistryUrl());
    given.putIfAbsent(KafkaSettings.TOPIC_PREFIX.name(), kafka.topicPrefix());
    return new ClusterAccess(given, kafka, serdes, null, null, false);
  }

  public KafkaSettings kafka() {
    return kafka;
  }

  public Topics topics() {
    return kafka.topics();
  }

  public AvroTopicSerdes serdes() {
    return serdes;
  }

  /** The data directory of the local stack, if this is one. */
  public Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  /**
   * The configuration services started against this cluster read: the standard layering ({@code
   * -D}, environment, config file) under the connection's own values and then {@code more}.
   */
  public Configuration configuration(Map<String, String> more) {
    Map<String, String> values = new LinkedHashMap<>(configuration);
    values.putAll(more);
    return Configuration.load(values);
  }

  /** The values given in code (options, connection), without system layers. */
  public Map<String, String> givenValues() {
    return configuration;
  }

  /** Kafka client properties for this cluster (the {@code kafka.*} overrides included). */
  public Map<String, Object> clientProperties() {
    return kafka.clientProperties();
  }

  /** Where this connects, for logs (no secrets). */
  public String describe() {
    return (dataDir != null ? "local stack " + dataDir.toAbsolutePath() + ", " : "")
        + "Kafka "
        + kafka.bootstrapServers()
        + (mockScope != null ? ", schema journal (read-only)" : ", registry " + registryHost());
  }

  private String registryHost() {
    RegistryConfig registry = kafka.registryConfig();
    return registry.isMock() ? registry.url() : String.join(",", registry.urls());
  }

  @Override
  public void close() {
    if (ownsSerdes) {
      serdes.close();
    }
    if (mockScope != null) {
      InMemorySchemaRegistry.drop(mockScope);
    }
  }
}
