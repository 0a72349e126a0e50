package io.streamdesk.ingest.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A bounded in-memory view of recent conversations, fed from cs.messages.inbound (customer turns)
 * and cs.replies (assistant turns) and cs.handoffs. It holds only what this instance has read since
 * it started (plus the feeds' look-back), at most {@code maxTurns} turns per conversation and
 * {@code maxConversations} conversations, each dropped after {@code ttl} without a new turn.
 * Customer text is raw (unmasked): it is served back only to that conversation's own callers and
 * never logged.
 */
public final class ConversationHistory {

  /** Who spoke. */
  public enum Role {
    USER,
    ASSISTANT
  }

  /**
   * One turn.
   *
   * @param role who spoke
   * @param text what was said
   * @param messageId the customer message (for assistant turns: the message answered)
   * @param at when it was received or generated
   * @param reply the reply's details for assistant turns, else empty
   */
  public record Turn(
      Role role, String text, String messageId, Instant at, Optional<ReplyGenerated> reply) {}

  /**
   * What the view holds for one conversation.
   *
   * @param conversationId the conversation
   * @param turns oldest first
   * @param handoff the latest handoff, if the conversation was handed to a human
   */
  public record Conversation(
      String conversationId, List<Turn> turns, Optional<HandoffRequested> handoff) {}

  private static final Comparator<Turn> ORDER =
      Comparator.comparing(Turn::at).thenComparing(t -> t.role() == Role.ASSISTANT ? 1 : 0);

  private final int maxTurns;
  private final Cache<String, Entry> conversations;

  public ConversationHistory(long maxChars, int maxTurns, Duration ttl) {
    this.maxTurns = maxTurns;
    this.conversations =
        Caffeine.newBuilder()
            .maximumWeight(maxChars)
            .weigher((String id, Entry e) -> e.chars())
            .expireAfterWrite(ttl)
            .build();
  }

  public void onInbound(CustomerMessageReceived m) {
    add(
        m.getConversationId(),
        new Turn(Role.USER, m.getText(), m.getMessageId(), m.getReceivedAt(), Optional.empty()));
  }

  public void onReply(ReplyGenerated r) {
    add(
        r.getConversationId(),
        new Turn(
            Role.ASSISTANT, r.getText(), r.getInReplyTo(), r.getGeneratedAt(), Optional.of(r)));
  }

  public void onHandoff(HandoffRequested h) {
    Entry entry = entry(h.getConversationId());
    entry.setHandoff(h);
    conversations.put(h.getConversationId(), entry);
  }

  /** The conversation's turns, if this view has any. */
  public Optional<Conversation> get(String conversationId) {
    Entry entry = conversations.getIfPresent(conversationId);
    return entry == null ? Optional.empty() : Optional.of(entry.snapshot(conversationId));
  }

  public long size() {
    return conversations.estimatedSize();
  }

  private void add(String conversationId, Turn turn) {
    Entry entry = entry(conversationId);
    entry.add(turn, maxTurns);
    conversations.put(conversationId, entry); // a write: re-weighs it, restarts the idle timer
  }

  private Entry entry(String conversationId) {
    return conversations.get(conversationId, id -> new Entry());
  }

  private static final class Entry {
    private final List<Turn> turns = new ArrayList<>();
    private HandoffRequested handoff;

    synchronized void add(Turn turn, int maxTurns) {
      for (Turn t : turns) {
        if (t.role() == turn.role() && t.messageId().equals(turn.messageId())) {
          return; // read again after a restart with look-back
        }
      }
      // Two feeds fill the view, so a reply can be read before its message: keep time order.
      int at = turns.size();
      while (at > 0 && ORDER.compare(turns.get(at - 1), turn) > 0) {
        at--;
      }
      turns.add(at, turn);
      while (turns.size() > maxTurns) {
        turns.removeFirst();
      }
    }

    synchronized int chars() {
      int chars = 64; // ids and timestamps
      for (Turn t : turns) {
        chars += t.text().length() + 64;
      }
      return chars;
    }

    synchronized void setHandoff(HandoffRequested h) {
      handoff = h;
    }

    synchronized Conversation snapshot(String id) {
      return new Conversation(id, List.copyOf(turns), Optional.ofNullable(handoff));
    }
  }
}
