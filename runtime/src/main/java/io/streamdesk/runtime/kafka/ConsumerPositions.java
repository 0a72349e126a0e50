package io.streamdesk.runtime.kafka;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The fetch position of a consumer that commits its own offsets. On a topic written in transactions
 * the position lies past the commit marker that follows a transaction's last record; committing
 * "last record + 1" instead leaves the group a lag of one that never drains, so a consumer that has
 * finished everything it read commits the position.
 */
public final class ConsumerPositions {

  private ConsumerPositions() {}

  /**
   * The consumer's position in an assigned partition, without waiting; -1 when the partition is not
   * assigned or its position is not known yet.
   */
  public static long fetchPosition(Consumer<?, ?> consumer, TopicPartition partition) {
    if (!consumer.assignment().contains(partition)) {
      return -1;
    }
    try {
      return consumer.position(partition, Duration.ZERO);
    } catch (TimeoutException e) {
      return -1;
    }
  }
}
