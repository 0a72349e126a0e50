package io.streamdesk.generation.worker;

import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.ReplyChunk;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams reply text to {@code cs.replies.chunks} as it is written, through its own idempotent,
 * non-transactional producer, so chunks are visible at once instead of at the reply's commit.
 *
 * <p>Protocol for readers: chunks of one messageId concatenate in seq order to the text so far; the
 * last one has {@code final = true}. A chunk with {@code seq = 0} starts the text over: readers
 * drop what they showed for that message. That happens when a generation is redone (a retry,
 * another worker taking over a partition) or the guard replaces the streamed text. Chunks are best
 * effort; the committed ReplyGenerated is the reply.
 */
final class ChunkPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChunkPublisher.class);

  private final Producer<String, ReplyChunk> producer;
  private final String topic;
  private final Clock clock;
  private final Runnable onSendError;

  ChunkPublisher(
      Producer<String, ReplyChunk> producer, String topic, Clock clock, Runnable onSendError) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onSendError = Objects.requireNonNull(onSendError, "onSendError");
  }

  /** A new stream for the reply to {@code request}, starting at seq 0. */
  Stream open(GenerateReply request) {
    return new Stream(request.getConversationId(), request.getMessageId());
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** The chunks of one reply. Thread-safe: the backend appends, the handler finishes. */
  final class Stream {
    private final String conversationId;
    private final String messageId;
    private int seq;
    private boolean finished;

    private Stream(String conversationId, String messageId) {
      this.conversationId = conversationId;
      this.messageId = messageId;
    }

    /** Sends the next piece of text. */
    synchronized void append(String delta) {
      if (!finished && !delta.isEmpty()) {
        send(delta, false);
      }
    }

    /** Sends the last piece (possibly empty) with {@code final = true}. */
    synchronized void finish(String tail) {
      if (!finished) {
        send(tail, true);
        finished = true;
      }
    }

    /** Starts the text over (seq 0) with {@code text} as the one, final chunk. */
    synchronized void restart(String text) {
      seq = 0;
      send(text, true);
      finished = true;
    }

    private void send(String delta, boolean last) {
      ReplyChunk chunk =
          ReplyChunk.newBuilder()
              .setMessageId(messageId)
              .setConversationId(conversationId)
              .setSeq(seq++)
              .setDelta(delta)
              .setFinal$(last)
              .setAt(clock.instant())
              .build();
      try {
        producer.send(
            new ProducerRecord<>(topic, conversationId, chunk),
            (metadata, error) -> {
              if (error != null) {
                onSendError.run();
                LOG.debug("chunk of {} not sent: {}", messageId, error.toString());
              }
            });
      } catch (RuntimeException e) {
        // Chunks are best effort: a full buffer or a closed producer must not fail the reply.
        onSendError.run();
        LOG.debug("chunk of {} not sent: {}", messageId, e.toString());
      }
    }
  }
}
