package io.streamdesk.stack.replay;

import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.stack.access.TopicRangeReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the production pipeline made of the replayed messages: their replies on {@code cs.replies}
 * (matched by {@code inReplyTo}; the first counts, more are counted), their dead letters on {@code
 * cs.dlq} and their classification on {@code cs.messages.classified}, each read from the start of
 * the range to the current end (outputs come after their input).
 */
final class OriginalOutcomes {

  private static final Logger log = LoggerFactory.getLogger(OriginalOutcomes.class);

  private final Map<String, ReplyGenerated> replies = new HashMap<>();
  private final Map<String, Integer> replyCounts = new HashMap<>();
  private final Map<String, ProcessingFailed> deadLetters = new HashMap<>();
  private final Map<String, MessageClassified> classified = new HashMap<>();
  private long unreadable;

  private OriginalOutcomes() {}

  /** Reads the outcomes of {@code messageIds} from {@code from} on. */
  static OriginalOutcomes read(
      TopicRangeReader reader,
      Topics topics,
      TopicSerdes serdes,
      Instant from,
      Set<String> messageIds) {
    OriginalOutcomes o = new OriginalOutcomes();
    o.readTopic(
        reader,
        topics.replies(),
        serdes,
        from,
        (reply, unused) -> {
          if (messageIds.contains(reply.getInReplyTo())) {
            o.replies.putIfAbsent(reply.getInReplyTo(), reply);
            o.replyCounts.merge(reply.getInReplyTo(), 1, Integer::sum);
          }
        });
    o.readTopic(
        reader,
        topics.dlq(),
        serdes,
        from,
        (failure, unused) -> {
          if (failure.getMessageId() != null && messageIds.contains(failure.getMessageId())) {
            o.deadLetters.putIfAbsent(failure.getMessageId(), failure);
          }
        });
    o.readTopic(
        reader,
        topics.messagesClassified(),
        serdes,
        from,
        (m, unused) -> {
          if (messageIds.contains(m.getMessageId())) {
            o.classified.putIfAbsent(m.getMessageId(), m);
          }
        });
    return o;
  }

  private <V> void readTopic(
      TopicRangeReader reader,
      Topic<String, V> topic,
      TopicSerdes serdes,
      Instant from,
      BiConsumer<V, Long> sink) {
    Deserializer<V> deserializer = serdes.valueSerde(topic).deserializer();
    reader.read(
        topic.name(),
        from,
        null,
        record -> {
          try {
            V value = deserializer.deserialize(topic.name(), record.headers(), record.value());
            if (value != null) {
              sink.accept(value, record.timestamp());
            }
          } catch (RuntimeException e) {
            unreadable++;
            log.debug(
                "unreadable {}-{}@{}: {}", topic.name(), record.partition(), record.offset(), e);
          }
        });
  }

  Optional<ReplyGenerated> reply(String messageId) {
    return Optional.ofNullable(replies.get(messageId));
  }

  int replyCount(String messageId) {
    return replyCounts.getOrDefault(messageId, 0);
  }

  Optional<ProcessingFailed> deadLetter(String messageId) {
    return Optional.ofNullable(deadLetters.get(messageId));
  }

  Optional<MessageClassified> classified(String messageId) {
    return Optional.ofNullable(classified.get(messageId));
  }

  long unreadable() {
    return unreadable;
  }
}
