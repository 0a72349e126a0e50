package io.streamdesk.stack.access;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A point in time as data teams type it on the command line: {@code now}; an age such as {@code
 * 2h}, {@code -30m}, {@code 1d} (that long ago; units ms, s, m, h, d); an ISO instant or offset
 * date-time ({@code 2026-05-01T10:00:00Z}, {@code 2026-05-01T10:00+08:00}); a local date-time or
 * date in the machine's zone ({@code 2026-05-01T10:00}, {@code 2026-05-01 10:00:00}, {@code
 * 2026-05-01}); or epoch milliseconds.
 */
public final class TimeArgument implements ITypeConverter<Instant> {

  private static final Pattern AGE = Pattern.compile("-?(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{10,}");
  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

  private final Clock clock;

  /** Ages and local times against the system clock and zone. */
  public TimeArgument() {
    this(Clock.systemDefaultZone());
  }

  public TimeArgument(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Instant convert(String value) {
    return parse(value);
  }

  /**
   * @throws TypeConversionException naming the accepted forms
   */
  public Instant parse(String value) {
    String text = value == null ? "" : value.strip();
    if (text.equalsIgnoreCase("now")) {
      return clock.instant();
    }
    Matcher age = AGE.matcher(text.toLowerCase(Locale.ROOT));
    if (age.matches()) {
      return clock.instant().minus(age(Long.parseLong(age.group(1)), age.group(2)));
    }
    if (EPOCH_MILLIS.matcher(text).matches()) {
      return Instant.ofEpochMilli(Long.parseLong(text));
    }
    ZoneId zone = clock.getZone();
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
      if (text.endsWith("Z") || text.endsWith("z")) {
        return Instant.parse(text.toUpperCase(Locale.ROOT));
      }
      if (text.matches(".*T.*[+-]\\d{2}:?\\d{2}$")) {
        return OffsetDateTime.parse(text).toInstant();
      }
      if (text.contains("T")) {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      }
      return LocalDateTime.parse(text, SPACED).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is no time: use now, an age (2h, 30m, 1d), an ISO time (2026-05-01T10:00:00Z,"
              + " 2026-05-01T10:00, 2026-05-01) or epoch milliseconds");
    } catch (DateTimeException e) {
      throw new TypeConversionException("'" + value + "' is no valid time: " + e.getMessage());
    }
  }

  private static Duration age(long amount, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
