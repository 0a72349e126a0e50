package io.streamdesk.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionWorkTest {

  private final AtomicInteger pending = new AtomicInteger();
  private final PartitionWork work =
      new PartitionWork(new TopicPartition("cs.replies", 0), pending);

  @Test
  void shouldCommitOnlyUpToTheLowestUnfinishedOffset() {
    // Given three records read
    work.begin(10);
    work.begin(11);
    work.begin(12);
    assertThat(work.committable(-1)).hasValue(10);

    // When the later ones finish first
    work.finish(12);
    work.finish(11);

    // Then the offset stays at the one still retrying
    assertThat(work.committable(-1)).hasValue(10);
    assertThat(pending).hasValue(1);

    // And moves past all of them once it finishes
    work.finish(10);
    assertThat(work.committable(-1)).hasValue(13);
    assertThat(pending).hasValue(0);
  }

  @Test
  void shouldNotOfferTheSameOffsetTwice() {
    work.begin(5);
    work.finish(5);
    assertThat(work.committable(-1)).hasValue(6);

    work.committed(6);

    assertThat(work.committable(-1)).isEmpty();
  }

  @Test
  void shouldReadARewoundRecordAgain() {
    work.begin(7);
    work.rewind(7);

    assertThat(work.committable(-1)).hasValue(7);
    assertThat(pending).hasValue(0);
  }

  @Test
  void shouldWakeABackoffWaitOnRevocationAndForgetUnfinishedRecordsOnRelease() throws Exception {
    work.begin(1);
    work.revoke();

    assertThat(work.awaitRevocation(Duration.ofMinutes(5))).isTrue();
    assertThat(work.isRevoked()).isTrue();
    assertThat(work.committable(-1)).hasValue(1);

    work.release();
    assertThat(pending).hasValue(0);
  }

  @Test
  void shouldCommitTheFetchPositionPastACommitMarkerWhenNothingIsUnfinished() {
    // Given the last record of a transaction read and finished, the marker after it at 11
    work.begin(10);
    work.finish(10);

    // Then the consumer's position (past the marker) is committed, not the record's offset + 1
    assertThat(work.committable(12)).hasValue(12);
  }

  @Test
  void shouldNotPassAnUnfinishedRecordWhateverThePosition() {
    work.begin(10);
    work.begin(11);
    work.finish(11);

    assertThat(work.committable(13)).hasValue(10);
  }
}
