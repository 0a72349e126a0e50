package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConversationMemorySerdeTest {

  private final ConversationMemorySerde serde = new ConversationMemorySerde();

  private final ConversationMemory memory =
      new ConversationMemory(
          1,
          1_700_000_000_000L,
          List.of(
              new ConversationMemory.Turn("m-1", "我的电话是[PHONE_1]", "other", 1_699_999_990_000L),
              new ConversationMemory.Turn("m-2", "hello", "greeting", 1_700_000_000_000L)));

  @Test
  void shouldRoundTripAMemory() {
    // When a memory with Chinese and English turns is written and read back
    byte[] bytes = serde.serializer().serialize("changelog", memory);
    ConversationMemory back = serde.deserializer().deserialize("changelog", bytes);

    // Then nothing is lost, and it is compact
    assertThat(back).isEqualTo(memory);
    assertThat(bytes.length).isLessThan(120);
  }

  @Test
  void shouldKeepTombstones() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void shouldRejectUnknownFormatsAndDamagedBytesWithATypedError() {
    byte[] bytes = serde.serializer().serialize("t", memory);
    byte[] otherFormat = bytes.clone();
    otherFormat[0] = 9;
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);
    byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", otherFormat))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("conversation memory")
        .hasRootCauseMessage("unknown conversation memory format 9");
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", truncated))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", trailing))
        .isInstanceOf(SerializationException.class)
        .hasRootCauseMessage("1 trailing bytes");
  }
}
