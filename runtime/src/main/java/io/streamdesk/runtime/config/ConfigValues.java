package io.streamdesk.runtime.config;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parsed, validated values of one {@link ConfigDefinition}: what a component's config record is
 * built from. {@link #describe()} prints them with their sources and every secret masked.
 */
public final class ConfigValues {

  /** Pass-through keys whose values are hidden in {@link #describe()}. */
  static final Pattern SENSITIVE =
      Pattern.compile(
          "(?i).*(password|secret|token|jaas|credential|user\\.info|api\\.key|apikey|private|header|authorization|\\.url).*");

  private final ConfigDefinition definition;
  private final Map<String, Object> values;
  private final Map<String, String> origins;
  private final Map<String, Map<String, String>> passThrough;

  ConfigValues(
      ConfigDefinition definition,
      Map<String, Object> values,
      Map<String, String> origins,
      Map<String, Map<String, String>> passThrough) {
    this.definition = definition;
    this.values = Map.copyOf(values);
    this.origins = Map.copyOf(origins);
    this.passThrough = Map.copyOf(passThrough);
  }

  public ConfigDefinition definition() {
    return definition;
  }

  /**
   * The value of a key: set, or its default.
   *
   * @throws NoSuchElementException for an optional key that is not set
   */
  public <T> T get(ConfigKey<T> key) {
    return find(key)
        .orElseThrow(
            () -> new NoSuchElementException(key.name() + " is not set and has no default"));
  }

  /** The value of a key, empty for an optional key that is not set. */
  public <T> Optional<T> find(ConfigKey<T> key) {
    if (definition.key(key.name()).isEmpty()) {
      throw new IllegalArgumentException(
          key.name() + " is not a key of " + definition.component() + "'s definition");
    }
    @SuppressWarnings("unchecked")
    T value = (T) values.get(key.name());
    return Optional.ofNullable(value);
  }

  /** Which layer the value came from: a source name, or "default". */
  public Optional<String> sourceOf(ConfigKey<?> key) {
    return Optional.ofNullable(origins.get(key.name()));
  }

  /** Keys under a declared pass-through prefix, prefix stripped. */
  public Map<String, String> passThrough(String prefix) {
    Map<String, String> found = passThrough.get(prefix);
    if (found == null) {
      throw new IllegalArgumentException(
          prefix + " is not a pass-through prefix of " + definition.component());
    }
    return found;
  }

  /** Every key with its value and source, secrets and sensitive pass-throughs masked. */
  public String describe() {
    StringBuilder out = new StringBuilder(definition.component()).append(" configuration:");
    for (ConfigKey<?> key : definition.keys()) {
      out.append("\n  ").append(key.name()).append(" = ");
      Object value = values.get(key.name());
      out.append(value == null ? "(not set)" : render(key, value));
      if (value != null) {
        out.append("  [").append(origins.get(key.name())).append(']');
      }
    }
    passThrough.forEach(
        (prefix, entries) ->
            entries.forEach(
                (k, v) ->
                    out.append("\n  ")
                        .append(prefix)
                        .append(k)
                        .append(" = ")
                        .append(SENSITIVE.matcher(k).matches() ? Secret.MASK : v)));
    return out.toString();
  }

  @Override
  public String toString() {
    return describe();
  }

  @SuppressWarnings("unchecked")
  private static <T> String render(ConfigKey<T> key, Object value) {
    return key.isSecret() ? Secret.MASK : key.type().format((T) value);
  }
}
