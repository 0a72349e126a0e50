package io.streamdesk.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kb-indexer opens the encoders the intent stream shares: with the message path's threads. */
class SharedEncoderThreadsTest {

  @Test
  void shouldRunOneRuntimeThreadPerEncoderRunByDefault() {
    assertThat(LocalStack.sharedEncoderThreads(Map.of())).isEqualTo("1");
  }

  @Test
  void shouldFollowTheIntentStreamsEncoderThreadsWhenGiven() {
    assertThat(LocalStack.sharedEncoderThreads(Map.of("encoder.intra-op-threads", "2")))
        .isEqualTo("2");
  }
}
