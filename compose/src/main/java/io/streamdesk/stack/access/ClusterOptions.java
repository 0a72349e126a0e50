package io.streamdesk.stack.access;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the data tools find Kafka and the schema registry (a picocli mixin). Against a running
 * {@code ./cs up}: {@code --bootstrap} (its Kafka port, 127.0.0.1:9092 by default) and {@code
 * --data-dir} (its data directory, {@code .streamdesk} by default, whose schema journal is read and
 * never written). Against a real cluster: the {@code STREAMDESK_*} configuration (or {@code -D}) of
 * the services, with a real {@code schema.registry.url}.
 */
public final class ClusterOptions {

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description =
          "Kafka of a running ./cs up (default: kafka.bootstrap.servers, 127.0.0.1:9092 unless"
              + " configured).")
  String bootstrap;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory of that ./cs up (default .streamdesk when the registry is mock://): its"
              + " schema journal is read, never written; its knowledge-base index is copied.")
  Path dataDir;

  @Option(
      names = {"-D", "--set"},
      paramLabel = "KEY=VALUE",
      description = "Any configuration key (Kafka client, registry, service keys).")
  Map<String, String> overrides = new LinkedHashMap<>();

  public ClusterOptions() {}

  /** Options given in code (tests, other commands). */
  public ClusterOptions(String bootstrap, Path dataDir, Map<String, String> overrides) {
    this.bootstrap = bootstrap;
    this.dataDir = dataDir;
    this.overrides = new LinkedHashMap<>(overrides);
  }

  public String bootstrap() {
    return bootstrap;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Map<String, String> overrides() {
    return Map.copyOf(overrides);
  }

  /** True when the user pointed at a local stack explicitly. */
  public boolean namesLocalStack() {
    return bootstrap != null || dataDir != null;
  }
}
