package io.streamdesk.intent.policy;

import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.PolicyAction;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What happens when a message contains a word of a category. The words themselves are always masked
 * in the text that models and analytics see; the action says what else happens.
 *
 * @param action MASK (answer normally, words starred), REFUSE (the reply is a polite refusal), or
 *     HANDOFF (a human takes over)
 * @param priority how urgently a human should pick it up when the action is HANDOFF
 */
public record CategoryPolicy(PolicyAction action, HandoffPriority priority) {

  public CategoryPolicy {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(priority, "priority");
  }

  /** {@code action} at NORMAL priority. */
  public static CategoryPolicy of(PolicyAction action) {
    return new CategoryPolicy(action, HandoffPriority.NORMAL);
  }

  /**
   * Parses {@code ACTION} or {@code ACTION:PRIORITY}, for example {@code HANDOFF:URGENT}.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static CategoryPolicy parse(String spec) {
    String[] parts = spec.trim().split(":", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException(
          "category policy '" + spec + "' must be ACTION or ACTION:PRIORITY");
    }
    PolicyAction action = parseEnum(PolicyAction.class, parts[0], spec);
    HandoffPriority priority =
        parts.length == 2
            ? parseEnum(HandoffPriority.class, parts[1], spec)
            : HandoffPriority.NORMAL;
    return new CategoryPolicy(action, priority);
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String spec) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "category policy '"
              + spec
              + "': '"
              + value
              + "' is not one of "
              + Arrays.toString(type.getEnumConstants()),
          e);
    }
  }

  @Override
  public String toString() {
    return action + ":" + priority;
  }
}
