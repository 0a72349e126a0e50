package io.streamdesk.retrieval.state;

import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.ConversationStatus;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.events.TurnRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The rules that turn conversation events into the next {@link ConversationState}: pure functions,
 * no Kafka. The last {@link StateSettings#historyTurns()} turns stay in full, older ones are folded
 * into the summary ({@link SummaryFolder}), facts and intents are bounded lists, texts are cut, so
 * a state never grows without bound. An assistant turn is placed right after the customer turn it
 * answers even when the reply arrives after the customer's next message.
 */
public final class ConversationLedger {

  private final StateSettings settings;

  public ConversationLedger(StateSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public StateSettings settings() {
    return settings;
  }

  /**
   * The state after a customer message was answered.
   *
   * @param before the state before it, or null for a new conversation
   * @param now processing wall-clock time (drives the idle timeout)
   */
  public ConversationState onCustomerMessage(
      ConversationState before, MessageClassified message, MessageEffect effect, long now) {
    ConversationState.Builder next =
        before == null
            ? start(message.getConversationId(), message.getReceivedAt(), now)
            : ConversationState.newBuilder(before);
    if (before != null && before.getStatus() == ConversationStatus.CLOSED) {
      // A closed conversation that comes back starts a new session with its old facts.
      next.setStatus(ConversationStatus.OPEN).setUnansweredStreak(0);
    }
    next.setChannel(message.getChannel())
        .setCustomerId(
            message.getCustomerId() != null ? message.getCustomerId() : next.getCustomerId())
        .setLanguage(message.getLanguage())
        .setLastMessageId(message.getMessageId())
        .setLastActiveAt(Instant.ofEpochMilli(now));

    String text = FactExtractor.cut(message.getMaskedText(), settings.maxTurnChars());
    Turn turn =
        Turn.newBuilder()
            .setRole(TurnRole.USER)
            .setText(text)
            .setMessageId(message.getMessageId())
            .setIntent(message.getIntent())
            .setAt(message.getReceivedAt())
            .build();
    List<Turn> turns = new ArrayList<>(next.getTurns());
    turns.add(turn);
    foldOverflow(next, turns);
    next.setTurnCount(next.getTurnCount() + 1);
    next.setFacts(mergeFacts(next.getFacts(), FactExtractor.fromCustomer(text)));
    List<String> intents = new ArrayList<>(next.getIntentHistory());
    intents.add(message.getIntent());
    next.setIntentHistory(tail(intents, settings.maxIntentHistory()));
    next.setUnansweredStreak(
        switch (effect.streak()) {
          case RESET -> 0;
          case INCREMENT -> next.getUnansweredStreak() + 1;
          case KEEP -> next.getUnansweredStreak();
        });
    if (effect.handedOff()) {
      next.setStatus(ConversationStatus.HANDED_OFF);
    }
    return next.build();
  }

  /**
   * The state after a reply: the assistant turn goes right after the customer turn it answers, once
   * (a redelivered reply changes nothing but the activity time).
   *
   * @param before the state, or null when the conversation is unknown (expired, or replayed)
   */
  public ConversationState onReply(ConversationState before, ReplyGenerated reply, long now) {
    ConversationState.Builder next =
        before == null
            ? start(reply.getConversationId(), reply.getReceivedAt(), now)
                .setChannel(reply.getChannel())
                .setCustomerId(reply.getCustomerId())
                .setLanguage(reply.getLanguage())
            : ConversationState.newBuilder(before);
    next.setLastActiveAt(
        Instant.ofEpochMilli(Math.max(now, next.getLastActiveAt().toEpochMilli())));
    List<Turn> turns = new ArrayList<>(next.getTurns());
    String text = FactExtractor.cut(reply.getText(), settings.maxTurnChars());
    boolean known =
        turns.stream()
            .anyMatch(
                t ->
                    t.getRole() == TurnRole.ASSISTANT
                        && t.getMessageId().equals(reply.getInReplyTo()));
    if (!known) {
      Turn turn =
          Turn.newBuilder()
              .setRole(TurnRole.ASSISTANT)
              .setText(text)
              .setMessageId(reply.getInReplyTo())
              .setIntent(reply.getIntent())
              .setAt(reply.getGeneratedAt())
              .build();
      turns.add(insertionPoint(turns, reply.getInReplyTo()), turn);
      foldOverflow(next, turns);
      next.setTurnCount(next.getTurnCount() + 1);
      next.setFacts(
          mergeFacts(next.getFacts(), FactExtractor.fromAssistant(text, settings.maxTurnChars())));
    }
    if (reply.getAction() == io.streamdesk.schemas.events.ReplyAction.HANDOFF
        && next.getStatus() == ConversationStatus.OPEN) {
      next.setStatus(ConversationStatus.HANDED_OFF);
    }
    return next.build();
  }

  /** The state after a handoff was requested (by the intent stream, retrieval or anyone). */
  public ConversationState onHandoff(ConversationState before, HandoffRequested handoff, long now) {
    ConversationState.Builder next =
        before == null
            ? start(handoff.getConversationId(), handoff.getRequestedAt(), now)
                .setChannel(handoff.getChannel())
                .setCustomerId(handoff.getCustomerId())
                .setLanguage(handoff.getLanguage())
            : ConversationState.newBuilder(before);
    next.setStatus(ConversationStatus.HANDED_OFF)
        .setLastActiveAt(Instant.ofEpochMilli(Math.max(now, next.getLastActiveAt().toEpochMilli())))
        .setFacts(mergeFacts(next.getFacts(), List.of("handoff: " + handoff.getReason())));
    return next.build();
  }

  /** Whether an open (or handed-off) conversation has been idle past the timeout. */
  public boolean isIdle(ConversationState state, long now) {
    return state.getStatus() != ConversationStatus.CLOSED
        && now - state.getLastActiveAt().toEpochMilli() >= settings.idleTimeout().toMillis();
  }

  /** Whether a closed conversation has outlived its retention and should be deleted. */
  public boolean isExpired(ConversationState state, long now) {
    return state.getStatus() == ConversationStatus.CLOSED
        && now - state.getLastActiveAt().toEpochMilli()
            >= settings.idleTimeout().plus(settings.retention()).toMillis();
  }

  /** The conversation closed for inactivity; its lastActiveAt stays, for the retention. */
  public ConversationState close(ConversationState state) {
    return ConversationState.newBuilder(state).setStatus(ConversationStatus.CLOSED).build();
  }

  private ConversationState.Builder start(String conversationId, Instant startedAt, long now) {
    return ConversationState.newBuilder()
        .setConversationId(conversationId)
        .setStartedAt(startedAt == null ? Instant.ofEpochMilli(now) : startedAt)
        .setLastActiveAt(Instant.ofEpochMilli(now))
        .setStatus(ConversationStatus.OPEN)
        .setTurns(List.of())
        .setSummary("")
        .setFacts(List.of())
        .setIntentHistory(List.of())
        .setTurnCount(0)
        .setUnansweredStreak(0);
  }

  /** After the customer turn it answers and any earlier answers to it; at the end if unknown. */
  private static int insertionPoint(List<Turn> turns, String inReplyTo) {
    for (int i = turns.size() - 1; i >= 0; i--) {
      Turn t = turns.get(i);
      if (t.getRole() == TurnRole.USER && t.getMessageId().equals(inReplyTo)) {
        int at = i + 1;
        while (at < turns.size()
            && turns.get(at).getRole() == TurnRole.ASSISTANT
            && turns.get(at).getMessageId().equals(inReplyTo)) {
          at++;
        }
        return at;
      }
    }
    return turns.size();
  }

  private void foldOverflow(ConversationState.Builder next, List<Turn> turns) {
    String summary = next.getSummary();
    while (turns.size() > settings.historyTurns()) {
      summary = SummaryFolder.fold(summary, turns.remove(0), settings.maxSummaryChars());
    }
    next.setTurns(turns).setSummary(summary);
  }

  private List<String> mergeFacts(List<String> facts, List<String> found) {
    if (found.isEmpty()) {
      return facts;
    }
    LinkedHashSet<String> merged = new LinkedHashSet<>(facts);
    // A fact seen again moves to the end: the newest facts are the last to be dropped.
    found.forEach(
        f -> {
          merged.remove(f);
          merged.add(f);
        });
    return tail(new ArrayList<>(merged), settings.maxFacts());
  }

  private static <T> List<T> tail(List<T> list, int max) {
    return list.size() <= max ? list : List.copyOf(list.subList(list.size() - max, list.size()));
  }
}
