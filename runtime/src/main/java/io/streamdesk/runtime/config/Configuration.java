package io.streamdesk.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a process's configuration comes from: layered sources asked in priority order. The standard
 * layering ({@link #load(Map)}) is:
 *
 * <ol>
 *   <li>values given in code (tests, the local stack),
 *   <li>system properties ({@code -Dkafka.bootstrap.servers=...}),
 *   <li>environment variables (STREAMDESK_KAFKA_BOOTSTRAP_SERVERS),
 *   <li>the properties file named by {@code config.file} (from any layer above), if any,
 *   <li>each key's default.
 * </ol>
 *
 * <p>{@link #resolve(ConfigDefinition)} parses and validates every key of a component at once and
 * fails with all problems together.
 */
public final class Configuration {

  /** The key naming the optional properties file of the standard layering. */
  public static final ConfigKey<Path> CONFIG_FILE =
      ConfigKey.path("config.file")
          .withDoc("Properties file read below environment variables; optional.");

  private final List<ConfigSource> sources;

  private Configuration(List<ConfigSource> sources) {
    this.sources = List.copyOf(sources);
  }

  /** The standard layering described in the class comment. */
  public static Configuration load(Map<String, ?> overrides) {
    Builder builder = builder().overrides(overrides).systemProperties().environment();
    Configuration upper = builder.build();
    Optional<String> file = upper.raw(CONFIG_FILE.name()).map(RawValue::value);
    file.ifPresent(f -> builder.propertiesFile(Path.of(f), true));
    return builder.build();
  }

  /** The standard layering with no values given in code. */
  public static Configuration load() {
    return load(Map.of());
  }

  /** Only the given values (and defaults): for tests. */
  public static Configuration of(Map<String, ?> values) {
    return builder().overrides(values).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The sources in priority order, highest first. */
  public List<ConfigSource> sources() {
    return sources;
  }

  /**
   * A raw value and the source that set it.
   *
   * @param value the string as given
   * @param source the layer that set it
   */
  public record RawValue(String value, ConfigSource source) {}

  /** The raw value of a key from the highest source that sets it. */
  public Optional<RawValue> raw(String key) {
    for (ConfigSource source : sources) {
      Optional<String> value = source.get(key);
      if (value.isPresent()) {
        return Optional.of(new RawValue(value.get(), source));
      }
    }
    return Optional.empty();
  }

  /**
   * Every key under a prefix from every layer, the higher layer winning, with the prefix stripped:
   * {@code kafka.acks=all} under {@code kafka.} becomes {@code acks=all}.
   */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> merged = new TreeMap<>();
    for (int i = sources.size() - 1; i >= 0; i--) {
      ConfigSource source = sources.get(i);
      for (String key : source.keysWithPrefix(prefix)) {
        source.get(key).ifPresent(v -> merged.put(key.substring(prefix.length()), v));
      }
    }
    return merged;
  }

  /**
   * Parses and validates every key of the definition and collects its pass-throughs.
   *
   * @throws ConfigException listing every missing, unparsable or invalid value
   */
  public ConfigValues resolve(ConfigDefinition definition) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> origins = new HashMap<>();
    for (ConfigKey<?> key : definition.keys()) {
      resolveKey(key, values, origins, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(definition.component(), problems);
    }
    Map<String, Map<String, String>> passThrough = new LinkedHashMap<>();
    definition.passThroughs().forEach(p -> passThrough.put(p.prefix(), withPrefix(p.prefix())));
    return new ConfigValues(definition, values, origins, passThrough);
  }

  private <T> void resolveKey(
      ConfigKey<T> key,
      Map<String, Object> values,
      Map<String, String> origins,
      List<String> problems) {
    Optional<RawValue> raw = raw(key.name());
    if (raw.isEmpty()) {
      if (key.defaultValue() != null) {
        values.put(key.name(), key.defaultValue());
        origins.put(key.name(), "default");
      } else if (key.isRequired()) {
        problems.add(
            key.name()
                + ": required but not set (set it with -D"
                + key.name()
                + ", environment variable "
                + key.environmentVariable()
                + " or in the config file)");
      }
      return;
    }
    String where = raw.get().source().howToSet(key.name());
    String shown = key.isSecret() ? Secret.MASK : "'" + raw.get().value() + "'";
    T value;
    try {
      value = key.type().parse(raw.get().value());
    } catch (IllegalArgumentException e) {
      problems.add(key.name() + ": value " + shown + " from " + where + " is " + e.getMessage());
      return;
    }
    for (ConfigValidator<? super T> validator : key.validators()) {
      Optional<String> problem = validator.check(value);
      if (problem.isPresent()) {
        problems.add(key.name() + ": value " + shown + " from " + where + " " + problem.get());
        return;
      }
    }
    values.put(key.name(), value);
    origins.put(key.name(), raw.get().source().name());
  }

  /** Assembles layers; the first one added has the highest priority. */
  public static final class Builder {
    private final List<ConfigSource> sources = new ArrayList<>();

    private Builder() {}

    public Builder overrides(Map<String, ?> values) {
      return source(ConfigSource.of("explicit values", Objects.requireNonNull(values, "values")));
    }

    public Builder systemProperties() {
      return source(ConfigSource.systemProperties());
    }

    public Builder environment() {
      return source(ConfigSource.environment());
    }

    public Builder environment(Map<String, String> variables) {
      return source(ConfigSource.environment(variables));
    }

    public Builder propertiesFile(Path file, boolean required) {
      return source(ConfigSource.propertiesFile(file, required));
    }

    /** Adds a layer below the ones added so far. */
    public Builder source(ConfigSource source) {
      sources.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    public Configuration build() {
      return new Configuration(sources);
    }
  }
}
