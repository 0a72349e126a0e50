package io.streamdesk.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConversationMemorySerdeTest {

  private final ConversationMemorySerde serde = new ConversationMemorySerde();

  @Test
  void shouldRoundTripAMemory() {
    // Given a memory with two turns
    ConversationMemory memory =
        new ConversationMemory(
            1,
            1_700_000_000_000L,
            List.of(
                new ConversationMemory.Turn("m-1", "我的电话是[PHONE_1]", "other", 1_699_999_990_000L),
                new ConversationMemory.Turn("m-2", "hello", "greeting", 1_700_000_000_000L)));

    // When it is written and read back
    byte[] bytes = serde.serializer().serialize("changelog", memory);
    ConversationMemory back = serde.deserializer().deserialize("changelog", bytes);

    // Then nothing is lost
    assertThat(back).isEqualTo(memory);
  }

  @Test
  void shouldIgnoreFieldsOfANewerVersion() {
    // Given an entry written by a newer version with an extra field
    byte[] newer =
        "{\"lowConfidenceStreak\":2,\"lastActiveAt\":5,\"turns\":[],\"summary\":\"x\"}"
            .getBytes(StandardCharsets.UTF_8);

    // Then it still restores
    assertThat(serde.deserializer().deserialize("changelog", newer))
        .isEqualTo(new ConversationMemory(2, 5, List.of()));
  }

  @Test
  void shouldKeepTombstonesAndRejectGarbageWithATypedError() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("conversation memory");
  }
}
