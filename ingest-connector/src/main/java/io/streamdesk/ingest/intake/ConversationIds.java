package io.streamdesk.ingest.intake;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Conversation ids: 1-64 of {@code A-Z a-z 0-9 _ -}. The rule keeps ids safe as Kafka keys, URL
 * path segments, cookie parts and log fields; new ids are random UUIDs.
 */
public final class ConversationIds {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private ConversationIds() {}

  public static boolean isValid(String id) {
    return id != null && SAFE.matcher(id).matches();
  }

  /** The id itself, or a 400 problem naming the rule. */
  public static String require(String id, String field) {
    if (!isValid(id)) {
      throw ApiProblem.badRequest(
          "invalid_conversation_id",
          field + " must be 1-64 characters of A-Z, a-z, 0-9, '_' and '-'");
    }
    return id;
  }

  public static String newId() {
    return UUID.randomUUID().toString();
  }
}
