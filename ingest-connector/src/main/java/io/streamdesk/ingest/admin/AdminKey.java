package io.streamdesk.ingest.admin;

import io.streamdesk.ingest.auth.ApiKeys;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The operations page's admin key, stored as {@code sha256:HEX} in {@code ingest.admin.key-hash}:
 * only the hash is configured, the key itself is shown once by {@code ingest-admin-key}. A
 * presented key is hashed and compared in constant time. Keys are 256-bit random tokens (like the
 * API keys), so an unsalted fast hash is enough.
 */
public final class AdminKey {

  /** Longest key considered; longer headers are refused before hashing. */
  static final int MAX_KEY_LENGTH = 256;

  private static final Pattern FORMAT = Pattern.compile("sha256:([0-9a-fA-F]{64})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] sha256;

  private AdminKey(byte[] sha256) {
    this.sha256 = sha256;
  }

  /**
   * Parses {@code sha256:HEX}.
   *
   * @throws IllegalArgumentException naming the expected form, never echoing the value
   */
  public static AdminKey parse(String keyHash) {
    Objects.requireNonNull(keyHash, "keyHash");
    var m = FORMAT.matcher(keyHash.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected sha256:<64 hex digits> (run ingest-admin-key to make one)");
    }
    return new AdminKey(HexFormat.of().parseHex(m.group(1).toLowerCase()));
  }

  /** The stored form of a plain key. */
  public static AdminKey of(String plainKey) {
    return new AdminKey(ApiKeys.sha256(plainKey));
  }

  /** A new key: 32 random bytes, URL-safe Base64 without padding, prefixed {@code sda_}. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "sda_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code presented} is the admin key; constant time in the key's content. */
  public boolean matches(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
      return false;
    }
    return MessageDigest.isEqual(ApiKeys.sha256(presented), sha256);
  }

  /** The config form {@code sha256:HEX}. */
  public String format() {
    return "sha256:" + HexFormat.of().formatHex(sha256);
  }

  @Override
  public String toString() {
    return format();
  }
}
