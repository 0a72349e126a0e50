package io.streamdesk.runtime.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Values from a map, e.g. given in code or read from a properties file. */
class MapSource implements ConfigSource {

  private final String name;
  private final Map<String, String> values;

  MapSource(String name, Map<String, ?> values) {
    this.name = Objects.requireNonNull(name, "name");
    Map<String, String> copy = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v instanceof Secret s ? s.reveal() : String.valueOf(v));
          }
        });
    this.values = Map.copyOf(copy);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public Set<String> keysWithPrefix(String prefix) {
    return values.keySet().stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toSet());
  }
}
