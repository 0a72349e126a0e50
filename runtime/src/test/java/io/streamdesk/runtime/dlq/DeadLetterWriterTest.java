package io.streamdesk.runtime.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.testkit.Events;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterWriterTest {

  private final String scope = "writer-" + UUID.randomUUID();
  private final AvroTopicSerdes serdes = AvroTopicSerdes.create(RegistryConfig.mock(scope));
  private final Topics topics = Topics.defaults();
  private final DeadLetterWriter writer =
      new DeadLetterWriter("generation-worker", topics.dlq(), serdes);

  @AfterEach
  void dropRegistry() {
    serdes.close();
    InMemorySchemaRegistry.drop(scope);
  }

  @Test
  void shouldBuildTheSameDeadLetterAsTheStreamsHandlers() {
    // Given a consumed command the worker failed on
    GenerateReply command = Events.generateReply().build();
    byte[] key = "c-1".getBytes(StandardCharsets.UTF_8);
    byte[] value =
        serdes
            .valueSerde(topics.generationRequests())
            .serializer()
            .serialize(topics.generationRequests().name(), command);
    ConsumerRecord<byte[], byte[]> consumed =
        new ConsumerRecord<>(topics.generationRequests().name(), 3, 42L, key, value);

    // When the writer builds its dead letter
    ProducerRecord<byte[], byte[]> record =
        writer.failure(
            consumed, command, FailureKind.PROCESSING, new IllegalStateException("model crashed"));

    // Then it goes to cs.dlq under the original key with every coordinate and the raw bytes
    assertThat(record.topic()).isEqualTo("cs.dlq");
    assertThat(record.key()).isEqualTo(key);
    ProcessingFailed failure =
        serdes.valueSerde(topics.dlq()).deserializer().deserialize("cs.dlq", record.value());
    assertThat(failure.getStage()).isEqualTo("generation-worker");
    assertThat(failure.getKind()).isEqualTo(FailureKind.PROCESSING);
    assertThat(failure.getSourceTopic()).isEqualTo("cs.generation.requests");
    assertThat(failure.getSourcePartition()).isEqualTo(3);
    assertThat(failure.getSourceOffset()).isEqualTo(42L);
    assertThat(failure.getMessageId()).isEqualTo(Events.MESSAGE_ID);
    assertThat(failure.getConversationId()).isEqualTo(Events.CONVERSATION_ID);
    assertThat(failure.getExceptionClass()).isEqualTo("java.lang.IllegalStateException");
    assertThat(failure.getExceptionMessage()).isEqualTo("model crashed");
    assertThat(failure.getStackTrace())
        .startsWith("java.lang.IllegalStateException: model crashed");
    assertThat(failure.getRawValue()).isEqualTo(ByteBuffer.wrap(value));
  }

  @Test
  void shouldRecordABusinessFailureWithItsCodeAndNoStack() {
    // Given a record whose bytes are unreadable, so there is no value
    ConsumerRecord<byte[], byte[]> consumed =
        new ConsumerRecord<>(
            "cs.replies", 0, 7L, "c-9".getBytes(StandardCharsets.UTF_8), new byte[] {1});

    // When the dispatcher gives up on it for a business reason
    ProducerRecord<byte[], byte[]> record =
        writer.businessFailure(consumed, null, "WEBHOOK_GONE", "endpoint answered 410");

    // Then the dead letter carries the code, the reason and the key as conversation id
    ProcessingFailed failure =
        serdes.valueSerde(topics.dlq()).deserializer().deserialize("cs.dlq", record.value());
    assertThat(failure.getKind()).isEqualTo(FailureKind.BUSINESS);
    assertThat(failure.getExceptionClass()).isEqualTo("WEBHOOK_GONE");
    assertThat(failure.getExceptionMessage()).isEqualTo("endpoint answered 410");
    assertThat(failure.getStackTrace()).isEmpty();
    assertThat(failure.getConversationId()).isEqualTo("c-9");
    assertThat(failure.getMessageId()).isNull();
  }

  @Test
  void shouldTruncateHugeStacksAndMessages() {
    // Given an exception with a very long message and a deep cause chain
    Throwable error = new RuntimeException("x".repeat(10_000));
    for (int i = 0; i < 200; i++) {
      error = new RuntimeException("level " + i, error);
    }
    ConsumerRecord<byte[], byte[]> consumed = new ConsumerRecord<>("t", 0, 0L, null, null);

    // When
    ProcessingFailed failure =
        serdes
            .valueSerde(topics.dlq())
            .deserializer()
            .deserialize(
                "cs.dlq", writer.failure(consumed, null, FailureKind.PROCESSING, error).value());

    // Then both are cut and say so
    assertThat(failure.getStackTrace().length())
        .isLessThanOrEqualTo(ProcessingFailures.MAX_STACK_CHARS + 20);
    assertThat(failure.getStackTrace()).endsWith("(truncated)");
    assertThat(failure.getRawKey()).isNull();
    assertThat(failure.getConversationId()).isNull();
  }
}
