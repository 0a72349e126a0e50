package io.streamdesk.runtime.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One documented configuration key: name, type, default, doc, and the rules its value must follow.
 * Keys are immutable; the {@code with...} methods return changed copies, so a component declares
 * its keys as constants:
 *
 * <pre>{@code
 * static final ConfigKey<Integer> PARTITIONS =
 *     ConfigKey.integer("topic.partitions")
 *         .withDefault(6)
 *         .withDoc("Partition count of every conversation topic.")
 *         .withValidator(ConfigValidator.atLeast(1));
 * }</pre>
 *
 * <p>A key without a default is optional unless {@link #required()}; a {@link #secret(String)} key
 * is never printed.
 *
 * @param name dotted lower-case name, e.g. {@code kafka.bootstrap.servers}
 * @param type how the raw string is parsed
 * @param defaultValue value when no source sets the key; null for none
 * @param doc one or two sentences for the reference
 * @param isRequired whether a missing value is a configuration error
 * @param validators rules the parsed value must pass
 */
public record ConfigKey<T>(
    String name,
    ConfigType<T> type,
    T defaultValue,
    String doc,
    boolean isRequired,
    List<ConfigValidator<? super T>> validators) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    validators = List.copyOf(validators);
    if (name.isBlank() || !name.equals(name.trim())) {
      throw new IllegalArgumentException("config key name must be non-blank: '" + name + "'");
    }
  }

  public static <T> ConfigKey<T> of(String name, ConfigType<T> type) {
    return new ConfigKey<>(name, type, null, "", false, List.of());
  }

  public static ConfigKey<String> string(String name) {
    return of(name, ConfigType.STRING);
  }

  public static ConfigKey<Integer> integer(String name) {
    return of(name, ConfigType.INT);
  }

  public static ConfigKey<Long> longKey(String name) {
    return of(name, ConfigType.LONG);
  }

  public static ConfigKey<Double> decimal(String name) {
    return of(name, ConfigType.DOUBLE);
  }

  public static ConfigKey<Boolean> bool(String name) {
    return of(name, ConfigType.BOOLEAN);
  }

  public static ConfigKey<Duration> duration(String name) {
    return of(name, ConfigType.DURATION);
  }

  public static ConfigKey<Path> path(String name) {
    return of(name, ConfigType.PATH);
  }

  public static ConfigKey<URI> uri(String name) {
    return of(name, ConfigType.URI);
  }

  public static ConfigKey<List<String>> list(String name) {
    return of(name, ConfigType.LIST);
  }

  public static ConfigKey<Secret> secret(String name) {
    return of(name, ConfigType.SECRET);
  }

  public static <E extends Enum<E>> ConfigKey<E> enumKey(String name, Class<E> type) {
    return of(name, ConfigType.enumType(type));
  }

  public ConfigKey<T> withDefault(T value) {
    return new ConfigKey<>(
        name, type, Objects.requireNonNull(value, "default"), doc, isRequired, validators);
  }

  public ConfigKey<T> withDoc(String text) {
    return new ConfigKey<>(name, type, defaultValue, text, isRequired, validators);
  }

  /** A missing value becomes a configuration error. */
  public ConfigKey<T> required() {
    return new ConfigKey<>(name, type, defaultValue, doc, true, validators);
  }

  public ConfigKey<T> withValidator(ConfigValidator<? super T> validator) {
    List<ConfigValidator<? super T>> all = new ArrayList<>(validators);
    all.add(Objects.requireNonNull(validator, "validator"));
    return new ConfigKey<>(name, type, defaultValue, doc, isRequired, all);
  }

  /** Whether the value is a secret and must never be printed. */
  public boolean isSecret() {
    return type == ConfigType.SECRET;
  }

  public Optional<T> defaultOptional() {
    return Optional.ofNullable(defaultValue);
  }

  /** The environment variable that sets this key: {@code foo.bar-baz} is STREAMDESK_FOO_BAR_BAZ. */
  public String environmentVariable() {
    return environmentVariable(name);
  }

  /** The environment variable of any key name. */
  public static String environmentVariable(String keyName) {
    return EnvironmentSource.PREFIX
        + keyName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The default as a user would write it, or "" when there is none. */
  public String formattedDefault() {
    if (defaultValue == null) {
      return "";
    }
    return isSecret() ? Secret.MASK : type.format(defaultValue);
  }
}
