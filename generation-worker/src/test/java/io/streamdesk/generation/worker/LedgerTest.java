package io.streamdesk.generation.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LedgerTest {

  private static final TopicPartition P0 = new TopicPartition("cs.generation.requests", 0);
  private static final TopicPartition P1 = new TopicPartition("cs.generation.requests", 1);

  private final Ledger ledger = new Ledger();
  private long ids;

  @Test
  void shouldCommitOnlyUpToTheLowestUnfinishedOffsetOfEachPartition() {
    // Given offsets 10, 11, 12 on P0 where 10 and 12 finished but 11 runs, and 5 done on P1
    Pending p10 = add(P0, 10);
    Pending p11 = add(P0, 11);
    Pending p12 = add(P0, 12);
    Pending p5 = add(P1, 5);
    done(p10);
    p11.state = Pending.State.RUNNING;
    done(p12);
    done(p5);

    // When
    Map<TopicPartition, List<Pending>> prefixes = ledger.donePrefixes();

    // Then P0 commits 10 only (12 waits for 11) and P1 commits 5
    assertThat(prefixes.get(P0)).containsExactly(p10);
    assertThat(prefixes.get(P1)).containsExactly(p5);

    // and once 11 is done and 10 committed, 11 and 12 follow
    ledger.committed(P0, 10);
    done(p11);
    assertThat(ledger.donePrefixes().get(P0)).containsExactly(p11, p12);
  }

  @Test
  void shouldStartDueRecordsInFetchOrderAndKeepLaterOnesWaiting() {
    Pending late = add(P1, 1, 5_000);
    Pending first = add(P0, 1, 0);
    Pending second = add(P0, 2, 0);

    assertThat(ledger.startable(1_000)).containsExactly(first, second);
    assertThat(late.state).isEqualTo(Pending.State.WAITING);
    assertThat(ledger.waitingFor(1_000)).containsExactly(P1);
    assertThat(ledger.earliestDue()).hasValue(0);
  }

  @Test
  void shouldForgetDroppedPartitionsSoLateReportsAreIgnored() {
    Pending running = add(P0, 3);
    running.state = Pending.State.RUNNING;

    List<Pending> dropped = ledger.drop(List.of(P0));

    assertThat(dropped).containsExactly(running);
    assertThat(ledger.owns(running)).isFalse();
    assertThat(ledger.size()).isZero();
  }

  @Test
  void shouldIgnoreAnOffsetFetchedTwice() {
    add(P0, 7);

    assertThat(ledger.add(pending(P0, 7, 0))).isFalse();
    assertThat(ledger.size()).isEqualTo(1);
  }

  private Pending add(TopicPartition tp, long offset) {
    return add(tp, offset, 0);
  }

  private Pending add(TopicPartition tp, long offset, long dueAt) {
    Pending p = pending(tp, offset, dueAt);
    ledger.add(p);
    return p;
  }

  private Pending pending(TopicPartition tp, long offset, long dueAt) {
    return new Pending(
        ids++, new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null, null), dueAt);
  }

  private static void done(Pending p) {
    p.done(new Outcome.Abandoned("test"), List.of());
  }
}
