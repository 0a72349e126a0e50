package io.streamdesk.ingest.intake;

import io.streamdesk.runtime.ops.Health;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes customer messages to {@code cs.messages.inbound}, keyed by conversationId, with an
 * idempotent {@code acks=all} producer (no duplicates from producer retries, nothing answered
 * before every in-sync replica has it). Sends are asynchronous: the returned future completes from
 * the producer's callback, so a small linger batches concurrent requests without a thread per send.
 */
public final class InboundPublisher implements AutoCloseable {

  private final Producer<String, CustomerMessageReceived> producer;
  private final Topic<String, CustomerMessageReceived> topic;
  private final Clock clock;
  private final AtomicReference<Outcome> last = new AtomicReference<>();

  /** The latest send outcome, for the health check. */
  private record Outcome(boolean ok, Instant at, String detail) {}

  public InboundPublisher(
      Producer<String, CustomerMessageReceived> producer,
      Topic<String, CustomerMessageReceived> topic,
      Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
  }

  /** A publisher with its own producer built from {@code clientProperties}. */
  public static InboundPublisher create(
      Map<String, Object> clientProperties,
      Map<String, String> overrides,
      Duration linger,
      Duration publishTimeout,
      Topic<String, CustomerMessageReceived> topic,
      TopicSerdes serdes,
      Clock clock) {
    Map<String, Object> props = new java.util.HashMap<>(clientProperties);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-connector-" + java.util.UUID.randomUUID());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    // Bounded waits: a request answers 503 within the publish timeout instead of hanging.
    int timeoutMs = (int) Math.max(1000, publishTimeout.toMillis());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs * 2 + (int) linger.toMillis());
    props.putAll(overrides);
    var producer =
        new KafkaProducer<>(
            props, serdes.keySerde(topic).serializer(), serdes.valueSerde(topic).serializer());
    return new InboundPublisher(producer, topic, clock);
  }

  public String topicName() {
    return topic.name();
  }

  /** Sends the message; the future completes when the broker acknowledged it (or failed). */
  public CompletableFuture<RecordMetadata> publish(CustomerMessageReceived message) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(topic.name(), message.getConversationId(), message),
          (metadata, error) -> {
            if (error == null) {
              last.set(new Outcome(true, clock.instant(), "last send acknowledged"));
              acked.complete(metadata);
            } else {
              last.set(new Outcome(false, clock.instant(), "last send failed: " + error));
              acked.completeExceptionally(error);
            }
          });
    } catch (RuntimeException e) { // metadata timeout, serialization, closed producer
      last.set(new Outcome(false, clock.instant(), "send failed: " + e));
      acked.completeExceptionally(e);
    }
    return acked;
  }

  /** DOWN while the latest send failed; UP before the first send and after a success. */
  public Health health() {
    Outcome outcome = last.get();
    if (outcome == null) {
      return Health.up("no message sent yet");
    }
    return outcome.ok() ? Health.up(outcome.detail()) : Health.down(outcome.detail());
  }

  /** The producer, for its metrics. */
  public Producer<String, CustomerMessageReceived> producer() {
    return producer;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5)); // flushes what is in flight
  }
}
