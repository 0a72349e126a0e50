package io.streamdesk.ingest.admin;

import io.streamdesk.schemas.events.DeliveryFailed;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyDelivered;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Feeds the {@link OpsWindow} from the topics only the operations page needs: cs.dlq
 * (ProcessingFailed) and cs.deliveries (ReplyDelivered or DeliveryFailed). Replies, handoffs and
 * inbound messages reach the window through the connector's own feeds.
 */
public final class OpsFeed {

  private final String dlqTopic;
  private final String deliveriesTopic;
  private final Deserializer<ProcessingFailed> deadLetters;
  private final Deserializer<SpecificRecord> deliveries;
  private final OpsWindow window;

  public OpsFeed(Topics topics, TopicSerdes serdes, OpsWindow window) {
    this.dlqTopic = topics.dlq().name();
    this.deliveriesTopic = topics.deliveries().name();
    this.deadLetters = serdes.valueSerde(topics.dlq()).deserializer();
    this.deliveries = serdes.valueSerde(topics.deliveries()).deserializer();
    this.window = window;
  }

  /** The topics this feed reads. */
  public List<String> topics() {
    return List.of(dlqTopic, deliveriesTopic);
  }

  /**
   * Handles a record of cs.dlq or cs.deliveries; an unreadable one throws (the tailer skips it).
   */
  public void onRecord(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return;
    }
    if (record.topic().equals(dlqTopic)) {
      window.onDeadLetter(deadLetters.deserialize(record.topic(), record.value()));
    } else if (record.topic().equals(deliveriesTopic)) {
      switch (deliveries.deserialize(record.topic(), record.value())) {
        case ReplyDelivered delivered -> window.onDelivered(delivered);
        case DeliveryFailed failed -> window.onDeliveryFailed(failed);
        default -> {}
      }
    }
  }
}
