package io.streamdesk.ingest.auth;

import io.streamdesk.runtime.config.ConfigValidator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configured API key: the channel it speaks for and the SHA-256 of the key. Written in config
 * as {@code CHANNEL:sha256:HEX}. Keys are 256-bit random tokens, so a fast unsalted hash is enough
 * (nothing to brute-force) and keeps verification cheap at thousands of requests per second; the
 * plain key is never stored.
 *
 * @param channel channel of every message sent with the key, e.g. app
 * @param sha256 SHA-256 digest of the key's UTF-8 bytes
 */
public record ApiKeyEntry(String channel, byte[] sha256) {

  private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final Pattern ENTRY = Pattern.compile("([^:]+):sha256:([0-9a-fA-F]{64})");

  /** Checks every entry of {@code ingest.api-keys}. */
  public static final ConfigValidator<List<String>> VALIDATOR =
      entries ->
          entries.stream()
              .map(ApiKeyEntry::problem)
              .flatMap(Optional::stream)
              .findFirst()
              .map(p -> "has an invalid entry: " + p);

  public ApiKeyEntry {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(sha256, "sha256");
    if (!CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException(
          "channel '" + channel + "' must be 1-32 of a-z, 0-9, '_' and '-'");
    }
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + sha256.length);
    }
    sha256 = sha256.clone();
  }

  /** Parses {@code CHANNEL:sha256:HEX}. */
  public static ApiKeyEntry parse(String entry) {
    var m = ENTRY.matcher(entry.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected CHANNEL:sha256:<64 hex digits>, got '" + abbreviate(entry) + "'");
    }
    return new ApiKeyEntry(m.group(1), HexFormat.of().parseHex(m.group(2).toLowerCase()));
  }

  /** The entry of a plain key, as {@code ingest-key} prints it. */
  public static ApiKeyEntry of(String channel, String plainKey) {
    return new ApiKeyEntry(channel, ApiKeys.sha256(plainKey));
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  /** The config form {@code CHANNEL:sha256:HEX}. */
  public String format() {
    return channel + ":sha256:" + HexFormat.of().formatHex(sha256);
  }

  @Override
  public String toString() {
    return format();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKeyEntry e
        && e.channel.equals(channel)
        && java.util.Arrays.equals(e.sha256, sha256);
  }

  @Override
  public int hashCode() {
    return channel.hashCode() * 31 + java.util.Arrays.hashCode(sha256);
  }

  private static Optional<String> problem(String entry) {
    try {
      parse(entry);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Never echo a whole value back: someone may have pasted a plain key by mistake. */
  private static String abbreviate(String entry) {
    String trimmed = entry.trim();
    int colon = trimmed.indexOf(':');
    return colon > 0 ? trimmed.substring(0, colon) + ":..." : "...";
  }
}
