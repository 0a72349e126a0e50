package io.streamdesk.runtime.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.registry.UnknownSchemaIdException;
import io.streamdesk.schemas.serde.UnknownMagicByteException;
import io.streamdesk.testkit.DlqAssert;
import io.streamdesk.testkit.Events;
import io.streamdesk.testkit.TopologyHarness;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {

  private TopologyHarness harness;
  private TestInputTopic<String, CustomerMessageReceived> inbound;
  private TestInputTopic<byte[], byte[]> rawInbound;
  private TestOutputTopic<String, MessageClassified> classified;

  @BeforeEach
  void startTopology() {
    harness = TopologyHarness.forService(DemoTopologies.STAGE);
    harness.start(DemoTopologies.classifier(harness.topics(), harness.serdes()));
    inbound = harness.input(harness.topics().messagesInbound());
    rawInbound = harness.rawInput(harness.topics().messagesInbound());
    classified = harness.output(harness.topics().messagesClassified());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldParkBytesThatAreNotAvroAndProcessTheNextRecord() {
    // Given a record whose value is plain text, followed by a good message
    byte[] poison = "{\"text\":\"not avro\"}".getBytes(StandardCharsets.UTF_8);
    rawInbound.pipeInput(utf8("c-9"), poison);
    inbound.pipeInput("c-1", Events.customerMessage().build());

    // Then the good message is processed
    assertThat(classified.readValuesToList())
        .extracting(MessageClassified::getMessageId)
        .containsExactly(Events.MESSAGE_ID);
    // and the poison record is in the DLQ with its raw bytes and where it came from
    ProcessingFailed failure = DlqAssert.assertThat(harness.dlq()).single();
    assertThat(failure.getStage()).isEqualTo(DemoTopologies.STAGE);
    assertThat(failure.getKind()).isEqualTo(FailureKind.DESERIALIZATION);
    assertThat(failure.getExceptionClass()).isEqualTo(UnknownMagicByteException.class.getName());
    assertThat(failure.getSourceTopic()).isEqualTo("cs.messages.inbound");
    assertThat(failure.getSourcePartition()).isZero();
    assertThat(failure.getSourceOffset()).isZero();
    assertThat(failure.getRawValue()).isEqualTo(ByteBuffer.wrap(poison));
    assertThat(failure.getRawKey()).isEqualTo(ByteBuffer.wrap(utf8("c-9")));
    assertThat(failure.getConversationId()).isEqualTo("c-9");
    assertThat(failure.getMessageId()).isNull();
    assertThat(failure.getStackTrace()).contains("UnknownMagicByteException");
  }

  @Test
  void shouldParkARecordWithAnUnknownSchemaIdAndProcessTheNextRecord() {
    // Given wire-format bytes naming a schema id the registry never issued
    byte[] unknownId = {0, 0, 0, 0x7f, (byte) 0xff, 2, 4, 6};
    rawInbound.pipeInput(utf8("c-2"), unknownId);
    inbound.pipeInput("c-1", Events.customerMessage().build());

    // Then the next record is processed and the unknown one is parked as it was read
    assertThat(classified.readValuesToList()).hasSize(1);
    ProcessingFailed failure = DlqAssert.assertThat(harness.dlq()).single();
    assertThat(failure.getKind()).isEqualTo(FailureKind.DESERIALIZATION);
    assertThat(failure.getExceptionClass()).isEqualTo(UnknownSchemaIdException.class.getName());
    assertThat(failure.getExceptionMessage()).contains("32767");
    assertThat(failure.getRawValue()).isEqualTo(ByteBuffer.wrap(unknownId));
  }

  @Test
  void shouldParkTheSourceRecordOfAThrowingProcessorWithItsMessageId() {
    // Given a message that makes the step throw, then a good one
    CustomerMessageReceived boom = Events.customerMessage("c-3", "m-boom", "boom");
    inbound.pipeInput("c-3", boom);
    inbound.pipeInput("c-1", Events.customerMessage().build());

    // Then processing continued and the dead letter names the message and keeps its bytes
    assertThat(classified.readValuesToList()).hasSize(1);
    ProcessingFailed failure = DlqAssert.assertThat(harness.dlq()).single();
    assertThat(failure.getKind()).isEqualTo(FailureKind.PROCESSING);
    assertThat(failure.getExceptionClass()).isEqualTo(IllegalStateException.class.getName());
    assertThat(failure.getExceptionMessage()).isEqualTo("classifier exploded");
    assertThat(failure.getMessageId()).isEqualTo("m-boom");
    assertThat(failure.getConversationId()).isEqualTo("c-3");
    assertThat(failure.getSourceOffset()).isZero();
    byte[] written =
        harness
            .serdes()
            .valueSerde(harness.topics().messagesInbound())
            .serializer()
            .serialize("cs.messages.inbound", boom);
    assertThat(failure.getRawValue()).isEqualTo(ByteBuffer.wrap(written));
  }

  @Test
  void shouldParkTheSourceRecordWhenTheOutputCannotBeSerialized() {
    // Given a message whose output the serializer refuses
    inbound.pipeInput("c-4", Events.customerMessage("c-4", "m-4", "unwritable"));
    inbound.pipeInput("c-1", Events.customerMessage().build());

    // Then the dead letter is of kind PRODUCTION and names the output topic
    assertThat(classified.readValuesToList()).hasSize(1);
    ProcessingFailed failure = DlqAssert.assertThat(harness.dlq()).single();
    assertThat(failure.getKind()).isEqualTo(FailureKind.PRODUCTION);
    assertThat(failure.getExceptionMessage())
        .contains("writing to cs.messages.classified failed")
        .contains("schema refused");
    assertThat(failure.getConversationId()).isEqualTo("c-4");
    assertThat(failure.getRawValue()).isNotNull();
  }

  @Test
  void shouldParkBusinessFailuresFromTheOutcomeBranch() {
    // Given a message with no text, which the step rejects as a business failure
    inbound.pipeInput("c-5", Events.customerMessage("c-5", "m-empty", " "));

    // Then nothing is classified and the dead letter carries the code and the message id
    assertThat(classified.isEmpty()).isTrue();
    ProcessingFailed failure = DlqAssert.assertThat(harness.dlq()).single();
    assertThat(failure.getKind()).isEqualTo(FailureKind.BUSINESS);
    assertThat(failure.getExceptionClass()).isEqualTo("EMPTY_TEXT");
    assertThat(failure.getMessageId()).isEqualTo("m-empty");
    assertThat(failure.getConversationId()).isEqualTo("c-5");
    assertThat(failure.getSourceTopic()).isEqualTo("cs.messages.inbound");
    assertThat(failure.getFailedAt()).isEqualTo(TopologyHarness.START);
  }

  @Test
  void shouldLeaveTheDlqEmptyForGoodRecords() {
    inbound.pipeInput("c-1", Events.customerMessage().build());
    assertThat(classified.readValuesToList()).hasSize(1);
    DlqAssert.assertThat(harness.dlq()).isEmpty();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
