package io.streamdesk.runtime.config;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** JVM system properties, read live so {@code -D} flags and tests' properties both apply. */
final class SystemPropertiesSource implements ConfigSource {

  @Override
  public String name() {
    return "system properties";
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(System.getProperty(key));
  }

  @Override
  public Set<String> keysWithPrefix(String prefix) {
    return System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  @Override
  public String howToSet(String key) {
    return "-D" + key;
  }
}
