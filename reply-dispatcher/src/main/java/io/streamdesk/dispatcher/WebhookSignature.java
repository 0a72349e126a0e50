package io.streamdesk.dispatcher;

import io.streamdesk.runtime.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-StreamDesk-Signature} header, in the scheme Stripe made familiar: {@code
 * t=<unix-seconds>,v1=<hex>} where {@code v1 = hex(HMAC-SHA256(secret, t + "." + body))}. The
 * timestamp is inside the signed text, so a receiver that rejects timestamps outside a tolerance
 * (five minutes is usual) also rejects replayed requests; a new timestamp and signature are made
 * for every attempt, the body stays byte-for-byte the same.
 *
 * <p>{@link #verify} is what a Java receiver runs; README.md shows the same steps for others.
 */
public final class WebhookSignature {

  /** The request header carrying the signature. */
  public static final String HEADER = "X-StreamDesk-Signature";

  /** The scheme version of the signature element. */
  public static final String SCHEME = "v1";

  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private WebhookSignature() {}

  /** The header value for a body sent at {@code timestamp}. */
  public static String header(Secret secret, Instant timestamp, byte[] body) {
    long t = timestamp.getEpochSecond();
    return "t=" + t + "," + SCHEME + "=" + HEX.formatHex(hmac(secret, t, body));
  }

  /** {@code hex(HMAC-SHA256(secret, t + "." + body))}. */
  public static String signature(Secret secret, long unixSeconds, byte[] body) {
    return HEX.formatHex(hmac(secret, unixSeconds, body));
  }

  /**
   * Whether a received header is valid for this body: well formed, timestamp within {@code
   * tolerance} of {@code now}, and one of its {@code v1} signatures (several are allowed while a
   * secret is rotated) equal to the expected one, compared in constant time.
   */
  public static boolean verify(
      String header, byte[] body, Secret secret, Duration tolerance, Instant now) {
    if (header == null) {
      return false;
    }
    Long timestamp = null;
    List<String> signatures = new ArrayList<>();
    for (String element : header.split(",")) {
      int eq = element.indexOf('=');
      if (eq <= 0) {
        return false;
      }
      String name = element.substring(0, eq).trim();
      String value = element.substring(eq + 1).trim();
      if (name.equals("t")) {
        try {
          timestamp = Long.parseLong(value);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (name.equals(SCHEME)) {
        signatures.add(value);
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      return false;
    }
    long age = Math.abs(now.getEpochSecond() - timestamp);
    if (age > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = signature(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    for (String candidate : signatures) {
      if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }

  private static byte[] hmac(Secret secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every JDK ships HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
