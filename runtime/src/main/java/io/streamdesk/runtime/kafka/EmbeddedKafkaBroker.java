package io.streamdesk.runtime.kafka;

import io.streamdesk.runtime.logging.KafkaLogLevels;
import io.streamdesk.schemas.topics.TopicCreator;
import io.streamdesk.schemas.topics.TopicReport;
import io.streamdesk.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster in this JVM: one KRaft server that is broker and controller at
 * once, built from Kafka's own broker classes ({@link KafkaRaftServer}), listening on loopback. The
 * local stack runs on it and integration tests use it; it is not a mock.
 *
 * <p>Its configs are the ones a single node needs: internal topics with replication factor 1 and
 * min ISR 1 (so consumer groups and transactions, hence exactly-once Streams, work), no initial
 * rebalance delay, a small log-cleaner buffer, no topic auto-creation (topics come from the {@link
 * Topics} catalogue through {@link TopicCreator}). Its data directory is formatted on first use;
 * given the same directory again it restarts with its topics and records.
 *
 * <pre>{@code
 * try (var broker = EmbeddedKafkaBroker.builder().topics(Topics.defaults()).start()) {
 *   String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final int BIND_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final int port;
  private final int controllerPort;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private volatile TopicReport topicReport;
  private volatile boolean closed;

  private EmbeddedKafkaBroker(
      KafkaRaftServer server, int port, int controllerPort, String host, Builder builder) {
    this.server = server;
    this.port = port;
    this.controllerPort = controllerPort;
    this.bootstrapServers = host + ":" + port;
    this.dataDir = builder.dataDir;
    this.deleteDataDirOnClose = builder.deleteDataDirOnClose;
  }

  /** A builder with free loopback ports and a temporary data directory wiped on close. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Port of the client (PLAINTEXT) listener. */
  public int port() {
    return port;
  }

  /** Port of the KRaft controller listener. */
  public int controllerPort() {
    return controllerPort;
  }

  /** Directory holding the metadata log and every partition's log. */
  public Path dataDir() {
    return dataDir;
  }

  /** What the topic creator did at start-up, when the builder was given a catalogue. */
  public Optional<TopicReport> topicReport() {
    return Optional.ofNullable(topicReport);
  }

  /** Minimal client properties reaching this broker ({@code bootstrap.servers}). */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }

  /** A new admin client for this broker; the caller closes it. */
  public Admin admin() {
    Map<String, Object> props = clientProperties();
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-broker-admin");
    return Admin.create(props);
  }

  /** Creates the catalogue's missing topics and reports drift of existing ones. */
  public TopicReport createTopics(Topics topics) {
    try (Admin admin = admin()) {
      TopicReport report = new TopicCreator(admin).ensure(topics);
      this.topicReport = report;
      return report;
    }
  }

  /** Stops the broker (controlled shutdown) and, if asked, deletes its data directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long start = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    log.info(
        "Embedded Kafka broker {} stopped in {} ms",
        bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    if (deleteDataDirOnClose) {
      DataDirs.delete(dataDir);
    }
  }

  /** Builder of an {@link EmbeddedKafkaBroker}; {@link #start()} formats, starts and waits. */
  public static final class Builder {
    private int port;
    private int controllerPort;
    private String host = "127.0.0.1";
    private Path dataDir;
    private Boolean deleteDataDirOnClose;
    private Topics topics;
    private boolean quietLogging = true;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    /** Client listener port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = requirePort(port);
      return this;
    }

    /** Controller listener port; 0 (the default) picks a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = requirePort(controllerPort);
      return this;
    }

    /** Interface both listeners bind to and the broker advertises; default 127.0.0.1. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Data directory, created and formatted when empty, reused as is otherwise. A directory given
     * here is kept on close unless {@link #deleteDataDirOnClose(boolean)} says otherwise; without
     * one the broker uses a temporary directory and deletes it on close.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** Whether {@link #close()} deletes the data directory. */
    public Builder deleteDataDirOnClose(boolean delete) {
      this.deleteDataDirOnClose = delete;
      return this;
    }

    /** Catalogue whose topics are created (if missing) once the broker is up. */
    public Builder topics(Topics topics) {
      this.topics = Objects.requireNonNull(topics, "topics");
      return this;
    }

    /** Any broker config, applied over the single-node defaults. */
    public Builder brokerProperty(String key, String value) {
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Broker configs applied over the single-node defaults. */
    public Builder brokerProperties(Map<String, String> properties) {
      properties.forEach(this::brokerProperty);
      return this;
    }

    /**
     * Whether the broker's INFO logging is turned down to WARN (the default), for loggers a
     * logback.xml does not set explicitly.
     */
    public Builder quietLogging(boolean quiet) {
      this.quietLogging = quiet;
      return this;
    }

    /** Formats the data directory if needed, starts the broker and waits until it serves. */
    public EmbeddedKafkaBroker start() {
      if (quietLogging) {
        KafkaLogLevels.quietBroker();
      }
      boolean tempDir = dataDir == null;
      if (tempDir) {
        dataDir = DataDirs.createTemp();
      }
      if (deleteDataDirOnClose == null) {
        deleteDataDirOnClose = tempDir;
      }
      long start = System.nanoTime();
      EmbeddedKafkaBroker broker = startWithRetries();
      log.info(
          "Embedded Kafka broker ready on {} in {} ms (data {})",
          broker.bootstrapServers(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
          dataDir);
      if (topics != null) {
        try {
          broker.createTopics(topics);
        } catch (RuntimeException e) {
          broker.close();
          throw e;
        }
      }
      return broker;
    }

    private EmbeddedKafkaBroker startWithRetries() {
      boolean freePorts = port == 0 || controllerPort == 0;
      for (int attempt = 1; ; attempt++) {
        int clientPort = port == 0 ? FreePorts.pick(host) : port;
        int ctrlPort = controllerPort == 0 ? FreePorts.pick(host, clientPort) : controllerPort;
        try {
          return startOnce(clientPort, ctrlPort);
        } catch (RuntimeException e) {
          // A free port picked above can be taken by another process before Kafka binds it.
          if (freePorts && attempt < BIND_ATTEMPTS && causedByBind(e)) {
            log.warn("Port {} or {} was taken meanwhile; retrying", clientPort, ctrlPort);
            continue;
          }
          throw e;
        }
      }
    }

    private EmbeddedKafkaBroker startOnce(int clientPort, int ctrlPort) {
      Map<String, String> props = BrokerConfigs.singleNode(NODE_ID, host, clientPort, ctrlPort);
      props.put("log.dirs", dataDir.toAbsolutePath().toString());
      props.putAll(overrides);
      KafkaConfig config = new KafkaConfig(props, false);
      format(config);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      try {
        server.startup();
      } catch (RuntimeException e) {
        shutdownQuietly(server);
        throw new EmbeddedKafkaException(
            "embedded Kafka broker did not start on " + host + ":" + clientPort, e);
      }
      return new EmbeddedKafkaBroker(server, clientPort, ctrlPort, host, this);
    }

    /** The equivalent of {@code kafka-storage format --ignore-formatted}: first start only. */
    private void format(KafkaConfig config) {
      if (Files.exists(dataDir.resolve("meta.properties"))) {
        return; // formatted by an earlier start: keep its cluster id, topics and records
      }
      try {
        new Formatter()
            .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
            .setNodeId(NODE_ID)
            .setClusterId(Uuid.randomUuid().toString())
            .setIgnoreFormatted(true)
            .setControllerListenerName(config.controllerListenerNames().get(0))
            .setMetadataLogDirectory(config.metadataLogDir())
            .addDirectory(dataDir.toAbsolutePath().toString())
            .run();
      } catch (Exception e) {
        throw new EmbeddedKafkaException("could not format Kafka data directory " + dataDir, e);
      }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (RuntimeException e) {
        log.debug("Shutdown after failed start failed too", e);
      }
    }

    private static boolean causedByBind(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException) {
          return true;
        }
      }
      return false;
    }

    private static int requirePort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      return port;
    }
  }

  /** Temporary data directories: creation and recursive deletion. */
  static final class DataDirs {
    private DataDirs() {}

    static Path createTemp() {
      try {
        return Files.createTempDirectory("streamdesk-kafka-");
      } catch (IOException e) {
        throw new UncheckedIOException("could not create a temporary Kafka data directory", e);
      }
    }

    static void delete(Path dir) {
      try (var paths = Files.walk(dir)) {
        paths
            .sorted(java.util.Comparator.reverseOrder())
            .forEach(
                p -> {
                  try {
                    Files.deleteIfExists(p);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      } catch (IOException | UncheckedIOException e) {
        log.warn("Could not delete Kafka data directory {}: {}", dir, e.getMessage());
      }
    }
  }
}
