package io.streamdesk.runtime.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a raw string becomes a typed value, and back. Parsers throw {@link IllegalArgumentException}
 * with a message that completes "value 'x' is ...".
 *
 * @param name what the reference calls the type
 * @param parser raw string to value
 * @param formatter value to the string a user would write
 */
public record ConfigType<T>(
    String name, Function<String, T> parser, Function<T, String> formatter) {

  private static final Pattern DURATION_PATTERN = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  public ConfigType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(formatter, "formatter");
  }

  public static final ConfigType<String> STRING =
      new ConfigType<>("string", s -> s, Function.identity());

  public static final ConfigType<Integer> INT =
      new ConfigType<>("int", ConfigType::parseInt, String::valueOf);

  public static final ConfigType<Long> LONG =
      new ConfigType<>("long", ConfigType::parseLong, String::valueOf);

  public static final ConfigType<Double> DOUBLE =
      new ConfigType<>("double", ConfigType::parseDouble, String::valueOf);

  public static final ConfigType<Boolean> BOOLEAN =
      new ConfigType<>("boolean", ConfigType::parseBoolean, String::valueOf);

  /**
   * {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d}, ISO-8601 ({@code PT5S}), or ms.
   */
  public static final ConfigType<Duration> DURATION =
      new ConfigType<>("duration", ConfigType::parseDuration, ConfigType::formatDuration);

  public static final ConfigType<Path> PATH =
      new ConfigType<>("path", ConfigType::parsePath, Path::toString);

  public static final ConfigType<java.net.URI> URI =
      new ConfigType<>("uri", ConfigType::parseUri, java.net.URI::toString);

  /** Comma-separated, entries trimmed, empty entries dropped. */
  public static final ConfigType<List<String>> LIST =
      new ConfigType<>("list", ConfigType::parseList, l -> String.join(",", l));

  /** Never printed: see {@link Secret}. */
  public static final ConfigType<Secret> SECRET =
      new ConfigType<>("secret", Secret::of, Secret::reveal);

  /**
   * One of the enum's constants, case-insensitive ({@code low-confidence} matches LOW_CONFIDENCE).
   */
  public static <E extends Enum<E>> ConfigType<E> enumType(Class<E> type) {
    return new ConfigType<>(
        "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT),
        raw -> parseEnum(type, raw),
        e -> e.name().toLowerCase(Locale.ROOT));
  }

  /** Parses a raw value. */
  public T parse(String raw) {
    return parser.apply(raw);
  }

  /** Formats a value the way a user would write it. */
  public String format(T value) {
    return formatter.apply(value);
  }

  private static int parseInt(String raw) {
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an integer");
    }
  }

  private static long parseLong(String raw) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an integer");
    }
  }

  private static double parseDouble(String raw) {
    try {
      return Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
  }

  private static boolean parseBoolean(String raw) {
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("not a boolean (true/false)");
    };
  }

  static Duration parseDuration(String raw) {
    String s = raw.trim();
    if (s.startsWith("P") || s.startsWith("p") || s.startsWith("-P")) {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration");
      }
    }
    Matcher m = DURATION_PATTERN.matcher(s.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration (e.g. 250ms, 5s, 2m, 1h, 7d, PT5S)");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms == 0 || ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  private static Path parsePath(String raw) {
    try {
      return Path.of(raw.trim());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a valid path: " + e.getReason());
    }
  }

  private static java.net.URI parseUri(String raw) {
    try {
      java.net.URI uri = java.net.URI.create(raw.trim());
      if (uri.getScheme() == null) {
        throw new IllegalArgumentException("not an absolute URI (scheme missing)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("not an absolute")) {
        throw e;
      }
      throw new IllegalArgumentException("not a valid URI");
    }
  }

  private static List<String> parseList(String raw) {
    return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String raw) {
    String wanted = raw.trim().replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(wanted)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "not one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
  }
}
