package io.streamdesk.ingest.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A customer message as a client submitted it, before validation: what {@link MessageIntake} turns
 * into a CustomerMessageReceived.
 *
 * @param conversationId the conversation, or empty to start a new one
 * @param text message text, possibly null or blank (validation says so)
 * @param locale BCP 47 locale from the body or Accept-Language, or empty
 * @param customerId the customer's id in the channel's system, or empty
 * @param metadata channel attributes, never interpreted
 */
public record Submission(
    Optional<String> conversationId,
    String text,
    Optional<String> locale,
    Optional<String> customerId,
    Map<String, String> metadata) {

  public Submission {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(customerId, "customerId");
    metadata = metadata == null ? Map.of() : new TreeMap<>(metadata);
  }

  /**
   * SHA-256 over every field in a fixed order with length prefixes: equal for equal submissions
   * whatever the JSON's spacing or key order, so a reused Idempotency-Key with another body is
   * caught.
   */
  public byte[] fingerprint(String endpoint) {
    StringBuilder canonical = new StringBuilder();
    append(canonical, endpoint);
    append(canonical, conversationId.orElse(null));
    append(canonical, text);
    append(canonical, locale.orElse(null));
    append(canonical, customerId.orElse(null));
    metadata.forEach(
        (k, v) -> {
          append(canonical, k);
          append(canonical, v);
        });
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void append(StringBuilder out, String value) {
    if (value == null) {
      out.append("-1:");
    } else {
      out.append(value.length()).append(':').append(value);
    }
  }
}
