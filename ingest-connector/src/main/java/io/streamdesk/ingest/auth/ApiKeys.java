package io.streamdesk.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies presented API keys against the configured hashes. The presented key is hashed and
 * compared with every entry in constant time ({@link MessageDigest#isEqual}), without stopping at
 * the first match, so timing tells nothing about which entry (if any) matched.
 */
public final class ApiKeys {

  /** Longest key considered; longer headers are rejected before hashing. */
  static final int MAX_KEY_LENGTH = 256;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<ApiKeyEntry> entries;

  public ApiKeys(List<ApiKeyEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The caller a key authenticates, or empty for an unknown key. */
  public Optional<Caller> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > MAX_KEY_LENGTH) {
      return Optional.empty();
    }
    byte[] digest = sha256(presentedKey);
    int match = -1;
    for (int i = 0; i < entries.size(); i++) {
      // Every entry is compared; the match is recorded without an early exit.
      boolean equal = MessageDigest.isEqual(digest, entries.get(i).sha256());
      match = equal && match < 0 ? i : match;
    }
    if (match < 0) {
      return Optional.empty();
    }
    ApiKeyEntry entry = entries.get(match);
    return Optional.of(Caller.apiKey(entry.channel(), "key:" + entry.channel() + "#" + match));
  }

  public int size() {
    return entries.size();
  }

  /** A new key: 32 random bytes, URL-safe Base64 without padding, prefixed {@code sdk_}. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "sdk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** SHA-256 of the key's UTF-8 bytes. */
  public static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
