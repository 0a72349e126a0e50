package io.streamdesk.ingest.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamdesk.schemas.events.DeliveryFailed;
import io.streamdesk.schemas.events.DeliveryKind;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyDelivered;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OpsWindowTest {

  /** 10:00:30: half a minute into the minute that starts at 10:00. */
  static final Instant NOW = Instant.parse("2026-03-02T10:00:30Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final OpsWindow window = new OpsWindow(clock, NOW.minus(Duration.ofHours(1)));

  @Test
  void shouldSumTheHourAndShowEveryMinuteOldestFirst() {
    // Given messages two minutes ago and now
    window.onInbound(NOW.minusSeconds(120));
    window.onInbound(NOW);
    window.onInbound(NOW.minusSeconds(10));

    // When
    OpsSummary summary = window.summary();

    // Then 60 minutes are listed, the last one is the current minute
    assertThat(summary.perMinute()).hasSize(60);
    assertThat(summary.perMinute().getLast().start())
        .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(summary.perMinute().getLast().inbound()).isEqualTo(2);
    assertThat(summary.perMinute().get(57).start())
        .isEqualTo(Instant.parse("2026-03-02T09:58:00Z"));
    assertThat(summary.perMinute().get(57).inbound()).isEqualTo(1);
    assertThat(summary.totals().inbound()).isEqualTo(3);
    assertThat(summary.window().from()).isEqualTo(Instant.parse("2026-03-02T09:01:00Z"));
    assertThat(summary.window().to()).isEqualTo(NOW);
    assertThat(summary.window().bucketSeconds()).isEqualTo(60);
  }

  @Test
  void shouldDropMinutesThatLeaveTheWindowWhenTheClockMovesOn() {
    // Given a message now and one 59 minutes ago (the oldest minute still in the window)
    window.onInbound(NOW);
    window.onInbound(NOW.minus(Duration.ofMinutes(59)));
    assertThat(window.summary().totals().inbound()).isEqualTo(2);

    // When one minute passes, the oldest minute leaves the window
    clock.advance(Duration.ofMinutes(1));
    assertThat(window.summary().totals().inbound()).isEqualTo(1);

    // And when its ring slot is reused by a new minute, the old counts are gone
    window.onInbound(clock.instant());
    OpsSummary later = window.summary();
    assertThat(later.totals().inbound()).isEqualTo(2);
    assertThat(later.perMinute().getLast().inbound()).isEqualTo(1);

    // And after a quiet hour nothing is left
    clock.advance(Duration.ofMinutes(60));
    assertThat(window.summary().totals().inbound()).isZero();
  }

  @Test
  void shouldIgnoreEventsOlderThanTheHourAndCountFutureOnesNow() {
    window.onInbound(NOW.minus(Duration.ofMinutes(61)));
    window.onInbound(NOW.plus(Duration.ofMinutes(5))); // a producer's clock ahead of ours

    OpsSummary summary = window.summary();
    assertThat(summary.totals().inbound()).isEqualTo(1);
    assertThat(summary.perMinute().getLast().inbound()).isEqualTo(1);
  }

  @Test
  void shouldComputeEndToEndAndStagePercentilesOverEveryMinute() {
    // Given 100 replies with end-to-end latencies 1..100 ms spread over several minutes
    for (int i = 1; i <= 100; i++) {
      Instant generatedAt = NOW.minusSeconds(i * 20L);
      window.onReply(
          reply(ReplyAction.ANSWER, "order_status", generatedAt, i, Map.of("intent", (long) i)));
    }

    // When
    OpsSummary.Latencies latency = window.summary().latencyMs();

    // Then the percentiles are those of all 100 values
    assertThat(latency.endToEnd().count()).isEqualTo(100);
    assertThat(latency.endToEnd().p50()).isEqualTo(50);
    assertThat(latency.endToEnd().p95()).isEqualTo(95);
    assertThat(latency.endToEnd().max()).isEqualTo(100);
    assertThat(latency.stages()).containsOnlyKeys("intent");
    assertThat(latency.stages().get("intent").p95()).isEqualTo(95);
  }

  @Test
  void shouldKeepLargeLatenciesWithinAboutOnePercent() {
    for (int i = 1; i <= 1000; i++) {
      window.onReply(reply(ReplyAction.ANSWER, "x", NOW, i * 10L, Map.of()));
    }

    OpsSummary.Latency e2e = window.summary().latencyMs().endToEnd();

    assertThat((double) e2e.p50()).isCloseTo(5000, within(50.0));
    assertThat((double) e2e.p95()).isCloseTo(9500, within(95.0));
  }

  @Test
  void shouldListStagesInPipelineOrder() {
    window.onReply(
        reply(
            ReplyAction.ANSWER,
            "x",
            NOW,
            40,
            Map.of("generation", 20L, "intent", 5L, "zeta", 1L, "retrieval", 9L, "queue", 2L)));

    assertThat(window.summary().latencyMs().stages().keySet())
        .containsExactly("intent", "retrieval", "queue", "generation", "zeta");
  }

  @Test
  void shouldCountActionsIntentsCacheHitsAndTheHandoffRate() {
    // Given four inbound messages, three replies and one handoff
    for (int i = 0; i < 4; i++) {
      window.onInbound(NOW);
    }
    window.onReply(reply(ReplyAction.ANSWER, "order_status", NOW, 10, Map.of()));
    ReplyGenerated cached = reply(ReplyAction.ANSWER, "order_status", NOW, 10, Map.of());
    cached.setCached(true);
    window.onReply(cached);
    window.onReply(reply(ReplyAction.HANDOFF, "complaint", NOW, 10, Map.of()));
    window.onHandoff(handoff(HandoffReason.COMPLAINT, NOW));

    // When
    OpsSummary summary = window.summary();

    // Then
    assertThat(summary.actions())
        .containsExactly(
            Map.entry("ANSWER", 2L),
            Map.entry("CLARIFY", 0L),
            Map.entry("HANDOFF", 1L),
            Map.entry("FALLBACK", 0L));
    assertThat(summary.intents())
        .containsExactly(
            new OpsSummary.Count("order_status", 2), new OpsSummary.Count("complaint", 1));
    assertThat(summary.languages()).containsExactly(new OpsSummary.Count("zh", 3));
    assertThat(summary.handoffRate()).isEqualTo(0.25);
    assertThat(summary.handoffReasons()).containsEntry("COMPLAINT", 1L);
    assertThat(summary.answerCache().answers()).isEqualTo(2);
    assertThat(summary.answerCache().hitRate()).isEqualTo(0.5);
    assertThat(summary.totals().handoffs()).isEqualTo(1);
  }

  @Test
  void shouldLeaveRatesEmptyWithoutData() {
    OpsSummary summary = window.summary();

    assertThat(summary.handoffRate()).isNull();
    assertThat(summary.answerCache().hitRate()).isNull();
    assertThat(summary.latencyMs().endToEnd().p50()).isNull();
    assertThat(summary.kb()).isNull();
  }

  @Test
  void shouldShowTheKbVersionOfTheLatestReplyThatNamesOne() {
    ReplyGenerated older = reply(ReplyAction.ANSWER, "x", NOW.minusSeconds(30), 5, Map.of());
    older.setKbVersion(7L);
    ReplyGenerated newer = reply(ReplyAction.ANSWER, "x", NOW.minusSeconds(5), 5, Map.of());
    newer.setKbVersion(8L);
    ReplyGenerated withoutKb = reply(ReplyAction.CLARIFY, "x", NOW, 5, Map.of());

    window.onReply(newer);
    window.onReply(older); // read later, written earlier: does not win
    window.onReply(withoutKb);

    assertThat(window.summary().kb()).isEqualTo(new OpsSummary.KbVersion(8, NOW.minusSeconds(5)));
  }

  @Test
  void shouldCountDeadLettersByStageAndDeliveryOutcomesByChannel() {
    window.onDeadLetter(deadLetter("intent-stream", FailureKind.DESERIALIZATION));
    window.onDeadLetter(deadLetter("intent-stream", FailureKind.DESERIALIZATION));
    window.onDeadLetter(deadLetter("generation-worker", FailureKind.BUSINESS));
    window.onDelivered(delivered());
    window.onDeliveryFailed(failed("wecom"));

    OpsSummary summary = window.summary();

    assertThat(summary.dlq().total()).isEqualTo(3);
    assertThat(summary.dlq().byStage())
        .containsExactly(
            new OpsSummary.Count("intent-stream/DESERIALIZATION", 2),
            new OpsSummary.Count("generation-worker/BUSINESS", 1));
    assertThat(summary.totals().dlq()).isEqualTo(3);
    assertThat(summary.perMinute().getLast().dlq()).isEqualTo(3);
    assertThat(summary.deliveries().delivered()).isEqualTo(1);
    assertThat(summary.deliveries().failed()).isEqualTo(1);
    assertThat(summary.deliveries().failedByChannel())
        .containsExactly(new OpsSummary.Count("wecom", 1));
  }

  @Test
  void shouldCapTheDistinctIntentsOfAMinute() {
    for (int i = 0; i < MinuteBucket.MAX_KEYS + 5; i++) {
      window.onReply(reply(ReplyAction.ANSWER, "intent_" + i, NOW, 1, Map.of()));
    }

    List<OpsSummary.Count> intents = window.summary().intents();

    assertThat(intents).hasSize(MinuteBucket.MAX_KEYS + 1);
    assertThat(intents.getFirst()).isEqualTo(new OpsSummary.Count("other", 5));
  }

  // ---- fixture ---------------------------------------------------------------------------------

  static ReplyGenerated reply(
      ReplyAction action,
      String intent,
      Instant generatedAt,
      long endToEndMillis,
      Map<String, Long> timings) {
    return ReplyGenerated.newBuilder()
        .setReplyId(UUID.randomUUID().toString())
        .setInReplyTo(UUID.randomUUID().toString())
        .setConversationId("c-1")
        .setChannel("web")
        .setLanguage("zh")
        .setText("text")
        .setAction(action)
        .setCitations(List.of())
        .setIntent(intent)
        .setConfidence(0.9)
        .setModel("extractive")
        .setReceivedAt(generatedAt.minusMillis(endToEndMillis))
        .setGeneratedAt(generatedAt)
        .setTimings(timings)
        .build();
  }

  static HandoffRequested handoff(HandoffReason reason, Instant at) {
    return HandoffRequested.newBuilder()
        .setHandoffId(UUID.randomUUID().toString())
        .setMessageId("m-1")
        .setConversationId("c-1")
        .setChannel("web")
        .setLanguage("zh")
        .setReason(reason)
        .setDetail("rule")
        .setIntent("complaint")
        .setPriority(HandoffPriority.NORMAL)
        .setSummary("")
        .setLastTurns(List.of())
        .setRequestedAt(at)
        .build();
  }

  static ProcessingFailed deadLetter(String stage, FailureKind kind) {
    return ProcessingFailed.newBuilder()
        .setStage(stage)
        .setKind(kind)
        .setExceptionClass("X")
        .setExceptionMessage("boom")
        .setStackTrace("")
        .setFailedAt(NOW)
        .build();
  }

  static ReplyDelivered delivered() {
    return ReplyDelivered.newBuilder()
        .setDeliveryId("m-1:web")
        .setMessageId("m-1")
        .setConversationId("c-1")
        .setChannel("web")
        .setKind(DeliveryKind.REPLY)
        .setEndpoint("web")
        .setStatusCode(200)
        .setAttempts(1)
        .setLatencyMs(12)
        .setDeliveredAt(NOW)
        .build();
  }

  static DeliveryFailed failed(String channel) {
    return DeliveryFailed.newBuilder()
        .setDeliveryId("m-2:" + channel)
        .setMessageId("m-2")
        .setConversationId("c-2")
        .setChannel(channel)
        .setKind(DeliveryKind.REPLY)
        .setEndpoint(channel)
        .setReason("HTTP 500")
        .setAttempts(3)
        .setRetryable(true)
        .setFailedAt(NOW)
        .build();
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
