package io.streamdesk.runtime.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One layer of configuration: a map given in code, system properties, environment variables or a
 * properties file. A {@link Configuration} asks its layers in priority order.
 */
public interface ConfigSource {

  /** What error messages and config dumps call this source. */
  String name();

  /** The raw value of a key, if this source sets it. */
  Optional<String> get(String key);

  /** Every key this source sets that starts with {@code prefix}, in dotted form. */
  Set<String> keysWithPrefix(String prefix);

  /** How a user sets the key in this source, e.g. {@code -Dfoo.bar} or STREAMDESK_FOO_BAR. */
  default String howToSet(String key) {
    return key + " in " + name();
  }

  /** Values given in code (tests, the local stack): the highest layer. */
  static ConfigSource of(String name, Map<String, ?> values) {
    return new MapSource(name, values);
  }

  /** JVM system properties, read under the key's own name ({@code -Dkafka.bootstrap.servers}). */
  static ConfigSource systemProperties() {
    return new SystemPropertiesSource();
  }

  /** Environment variables: {@code foo.bar} is read from STREAMDESK_FOO_BAR. */
  static ConfigSource environment() {
    return new EnvironmentSource(System.getenv());
  }

  /** The given map as environment variables (tests). */
  static ConfigSource environment(Map<String, String> variables) {
    return new EnvironmentSource(variables);
  }

  /**
   * A properties file; a missing optional file is an empty layer, a missing required one an error.
   */
  static ConfigSource propertiesFile(Path file, boolean required) {
    return PropertiesFileSource.load(file, required);
  }
}
