package io.streamdesk.runtime.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Environment variables named STREAMDESK_ + the key in upper case with dots and dashes as
 * underscores. Keys found by prefix (pass-through client properties) map back with underscores as
 * dots, which is right for Kafka's dotted config names.
 */
final class EnvironmentSource implements ConfigSource {

  static final String PREFIX = "STREAMDESK_";

  private final Map<String, String> variables;

  EnvironmentSource(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  @Override
  public String name() {
    return "environment";
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(variables.get(ConfigKey.environmentVariable(key)));
  }

  @Override
  public Set<String> keysWithPrefix(String prefix) {
    String variablePrefix = ConfigKey.environmentVariable(prefix);
    return variables.keySet().stream()
        .filter(v -> v.startsWith(variablePrefix) && v.length() > variablePrefix.length())
        .map(v -> v.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'))
        .collect(Collectors.toSet());
  }

  @Override
  public String howToSet(String key) {
    return "environment variable " + ConfigKey.environmentVariable(key);
  }
}
