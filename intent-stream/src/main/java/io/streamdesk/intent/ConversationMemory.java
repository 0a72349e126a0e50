package io.streamdesk.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the intent stream remembers of one conversation, in the {@value IntentTopology#MEMORY_STORE}
 * store: how many low-confidence turns came in a row, when the last turn happened (event time) and
 * the last few masked user turns for the agent who takes over. Immutable; entries idle longer than
 * the rule's TTL are ignored and swept.
 *
 * @param lowConfidenceStreak low-confidence turns in a row, reset by a confident turn or a handoff
 * @param lastActiveAt event time (epoch ms) of the newest turn
 * @param turns the most recent masked user turns, oldest first
 */
public record ConversationMemory(int lowConfidenceStreak, long lastActiveAt, List<Turn> turns) {

  public static final ConversationMemory EMPTY = new ConversationMemory(0, 0, List.of());

  public ConversationMemory {
    if (lowConfidenceStreak < 0) {
      throw new IllegalArgumentException("streak must not be negative: " + lowConfidenceStreak);
    }
    turns = List.copyOf(turns);
  }

  /** Whether the conversation was idle for longer than {@code ttlMillis} at {@code now}. */
  public boolean expiredAt(long now, long ttlMillis) {
    return now - lastActiveAt > ttlMillis;
  }

  /** This memory with one more turn, keeping at most {@code keep} turns. */
  public ConversationMemory append(Turn turn, int streak, int keep) {
    List<Turn> all = new ArrayList<>(turns);
    all.add(turn);
    List<Turn> kept = all.subList(Math.max(0, all.size() - keep), all.size());
    return new ConversationMemory(streak, Math.max(lastActiveAt, turn.at()), kept);
  }

  /** The same memory with the streak reset (after a handoff). */
  public ConversationMemory withStreak(int streak) {
    return new ConversationMemory(streak, lastActiveAt, turns);
  }

  /**
   * One masked user turn.
   *
   * @param messageId the inbound message id
   * @param text masked text
   * @param intent published intent
   * @param at event time, epoch ms
   */
  public record Turn(String messageId, String text, String intent, long at) {
    public Turn {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(intent, "intent");
    }
  }
}
