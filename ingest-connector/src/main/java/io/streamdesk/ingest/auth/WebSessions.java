package io.streamdesk.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless chat-page sessions: a cookie {@code v1.CONVERSATION.EXPIRY.HMAC} that says "this
 * browser owns that conversation until then", signed with HMAC-SHA256. Any replica holding the same
 * secret verifies it, nothing is stored server-side, and a page can read and write only its own
 * conversation.
 */
public final class WebSessions {

  /** Name of the session cookie. */
  public static final String COOKIE = "sd_session";

  private static final String VERSION = "v1";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final Duration ttl;
  private final Clock clock;

  public WebSessions(byte[] secret, Duration ttl, Clock clock) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the session secret needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Sessions signed with a random secret of this process only. */
  public static WebSessions withRandomSecret(Duration ttl, Clock clock) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new WebSessions(secret, ttl, clock);
  }

  public static WebSessions withSecret(String secret, Duration ttl, Clock clock) {
    return new WebSessions(secret.getBytes(StandardCharsets.UTF_8), ttl, clock);
  }

  public Duration ttl() {
    return ttl;
  }

  /** The cookie value binding {@code conversationId} to its holder until now + ttl. */
  public String issue(String conversationId) {
    long expiry = clock.instant().plus(ttl).getEpochSecond();
    String payload = VERSION + "." + conversationId + "." + expiry;
    return payload + "." + sign(payload);
  }

  /** The conversation a valid, unexpired cookie owns; empty for anything else. */
  public Optional<String> verify(String cookieValue) {
    if (cookieValue == null || cookieValue.length() > 256) {
      return Optional.empty();
    }
    int lastDot = cookieValue.lastIndexOf('.');
    if (lastDot < 0) {
      return Optional.empty();
    }
    String payload = cookieValue.substring(0, lastDot);
    byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
    byte[] given = cookieValue.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return Optional.empty();
    }
    String[] parts = payload.split("\\.");
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      return Optional.empty();
    }
    try {
      Instant expiry = Instant.ofEpochSecond(Long.parseLong(parts[2]));
      if (!clock.instant().isBefore(expiry)) {
        return Optional.empty();
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(parts[1]);
  }

  private String sign(String payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] tag = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
