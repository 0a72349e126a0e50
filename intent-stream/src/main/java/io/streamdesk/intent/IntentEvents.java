package io.streamdesk.intent;

import io.streamdesk.intent.policy.CategoryHit;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.IntentCandidate;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.events.TurnRole;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the events the intent stream publishes. Only masked text goes into them; the raw text of
 * the inbound message never leaves the topology.
 */
final class IntentEvents {

  /** Key of the intent stream's time in MessageClassified.timings. */
  static final String TIMING_KEY = "intent";

  private IntentEvents() {}

  static MessageClassified classified(
      AnalysedMessage m, Optional<HandoffDecider.Handoff> handoff, long elapsedMillis) {
    CustomerMessageReceived in = m.message();
    Classification c = m.classification();
    return MessageClassified.newBuilder()
        .setMessageId(in.getMessageId())
        .setConversationId(in.getConversationId())
        .setChannel(in.getChannel())
        .setCustomerId(in.getCustomerId())
        .setReceivedAt(in.getReceivedAt())
        .setMaskedText(m.text().maskedText())
        .setLanguage(m.language())
        .setIntent(c.publishedIntent())
        .setConfidence(c.confidence())
        .setCandidates(
            c.candidates().stream()
                .map(
                    k ->
                        IntentCandidate.newBuilder()
                            .setIntent(k.intent())
                            .setConfidence(k.confidence())
                            .build())
                .toList())
        .setOutOfScope(c.outOfScope())
        .setPolicyHits(m.text().policyHits().stream().map(CategoryHit::toAvro).toList())
        .setPiiTypes(m.text().piiTypeNames())
        .setHandoffReason(handoff.map(HandoffDecider.Handoff::reason).orElse(null))
        .setEmbedding(floats(m.embedding()))
        .setEmbeddingModel(m.embeddingModel())
        .setClassifierVersion(c.modelVersion())
        .setTimings(Map.of(TIMING_KEY, elapsedMillis))
        .build();
  }

  static HandoffRequested handoff(
      AnalysedMessage m,
      HandoffDecider.Handoff handoff,
      ConversationMemory memory,
      Instant requestedAt) {
    CustomerMessageReceived in = m.message();
    Classification c = m.classification();
    List<Turn> turns = new ArrayList<>(memory.turns().size());
    for (ConversationMemory.Turn t : memory.turns()) {
      turns.add(
          Turn.newBuilder()
              .setRole(TurnRole.USER)
              .setText(t.text())
              .setMessageId(t.messageId())
              .setIntent(t.intent())
              .setAt(Instant.ofEpochMilli(t.at()))
              .build());
    }
    return HandoffRequested.newBuilder()
        .setHandoffId(handoffId(in.getMessageId()))
        .setMessageId(in.getMessageId())
        .setConversationId(in.getConversationId())
        .setChannel(in.getChannel())
        .setCustomerId(in.getCustomerId())
        .setLanguage(m.language())
        .setReason(handoff.reason())
        .setDetail(handoff.detail())
        .setIntent(c.publishedIntent())
        .setPriority(handoff.priority())
        .setSummary(summary(m, handoff, turns.size()))
        .setLastTurns(turns)
        .setRequestedAt(requestedAt)
        .build();
  }

  /**
   * The same id for the same message on every run, so a replay or a retried transaction hands over
   * the same handoff and consumers can deduplicate on it.
   */
  static String handoffId(String messageId) {
    return UUID.nameUUIDFromBytes(("handoff:" + messageId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static String summary(AnalysedMessage m, HandoffDecider.Handoff handoff, int turns) {
    Classification c = m.classification();
    return String.format(
        Locale.ROOT,
        "%s: %s. Intent %s (%.2f), language %s, %d recent turn%s attached.",
        handoff.reason(),
        handoff.detail(),
        c.publishedIntent(),
        c.confidence(),
        m.language(),
        turns,
        turns == 1 ? "" : "s");
  }

  private static List<Float> floats(float[] vector) {
    List<Float> out = new ArrayList<>(vector.length);
    for (float v : vector) {
      out.add(v);
    }
    return out;
  }
}
