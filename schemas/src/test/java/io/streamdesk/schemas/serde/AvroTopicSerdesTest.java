package io.streamdesk.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.ReplyDelivered;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.registry.UnknownSchemaIdException;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroTopicSerdesTest {

  private final String scope = "serde-test-" + UUID.randomUUID();
  private final AvroTopicSerdes serdes = AvroTopicSerdes.create(RegistryConfig.mock(scope));
  private final Topics topics = Topics.defaults();

  @AfterEach
  void dropScope() {
    InMemorySchemaRegistry.drop(scope);
  }

  @Test
  void shouldRoundTripEveryEventThroughItsTopic() {
    for (SpecificRecord event : SampleEvents.all()) {
      Topic<String, Object> topic = SampleEvents.topicCarrying(topics, event);

      byte[] bytes = valueSerde(topic).serializer().serialize(topic.name(), event);
      Object back = valueSerde(topic).deserializer().deserialize(topic.name(), bytes);

      assertThat(back).as(event.getSchema().getName()).isEqualTo(event);
    }
  }

  @Test
  void shouldWriteTheConfluentWireFormat() {
    Topic<String, CustomerMessageReceived> inbound = topics.messagesInbound();
    CustomerMessageReceived message = (CustomerMessageReceived) SampleEvents.all().getFirst();

    byte[] bytes = serdes.valueSerde(inbound).serializer().serialize(inbound.name(), message);

    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(bytes[0]).isZero();
    assertThat(id)
        .isEqualTo(serdes.registry().lookupId(inbound.valueSubject(), inbound.valueSchema()));
  }

  @Test
  void shouldReadWithASecondSerdeThatHasItsOwnCache() {
    Topic<String, CustomerMessageReceived> inbound = topics.messagesInbound();
    CustomerMessageReceived message = (CustomerMessageReceived) SampleEvents.all().getFirst();
    byte[] bytes = serdes.valueSerde(inbound).serializer().serialize(inbound.name(), message);

    AvroTopicSerdes other = AvroTopicSerdes.create(RegistryConfig.mock(scope));

    assertThat(other.valueSerde(inbound).deserializer().deserialize(inbound.name(), bytes))
        .isEqualTo(message);
  }

  @Test
  void shouldRoundTripBothBranchesOfTheDeliveriesUnion() {
    Topic<String, SpecificRecord> deliveries = topics.deliveries();
    for (SpecificRecord outcome : SampleEvents.all()) {
      if (!outcome.getSchema().getName().startsWith("Delivery")
          && !(outcome instanceof ReplyDelivered)) {
        continue;
      }
      Serde<SpecificRecord> serde = serdes.valueSerde(deliveries);

      byte[] bytes = serde.serializer().serialize(deliveries.name(), outcome);

      assertThat(serde.deserializer().deserialize(deliveries.name(), bytes)).isEqualTo(outcome);
    }
  }

  @Test
  void shouldRejectBytesWithoutTheMagicByte() {
    Topic<String, CustomerMessageReceived> inbound = topics.messagesInbound();

    assertThatThrownBy(
            () ->
                serdes
                    .valueSerde(inbound)
                    .deserializer()
                    .deserialize(inbound.name(), "{\"text\":\"hi\"}".getBytes()))
        .isInstanceOf(UnknownMagicByteException.class)
        .hasMessageContaining("cs.messages.inbound")
        .hasMessageContaining("expected 0");
  }

  @Test
  void shouldRejectAnUnknownSchemaId() {
    Topic<String, CustomerMessageReceived> inbound = topics.messagesInbound();
    byte[] bytes = ByteBuffer.allocate(7).put((byte) 0).putInt(4242).put(new byte[2]).array();

    assertThatThrownBy(
            () -> serdes.valueSerde(inbound).deserializer().deserialize(inbound.name(), bytes))
        .isInstanceOf(UnknownSchemaIdException.class)
        .hasMessageContaining("4242");
  }

  @Test
  void shouldPassTombstonesThrough() {
    Topic<String, CustomerMessageReceived> inbound = topics.messagesInbound();

    assertThat(serdes.valueSerde(inbound).serializer().serialize(inbound.name(), null)).isNull();
    assertThat(serdes.valueSerde(inbound).deserializer().deserialize(inbound.name(), null))
        .isNull();
  }

  private Serde<Object> valueSerde(Topic<String, Object> topic) {
    return serdes.valueSerde(topic);
  }
}
