package io.streamdesk.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.ingest.IngestConfig.Rate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  private static final Rate OFF = new Rate(0, Duration.ofSeconds(1), 0);

  @Test
  void shouldRefuseTheConversationPastItsBurstWithTheDelayUntilTheNextToken() {
    RateLimits limits = new RateLimits(OFF, new Rate(1, Duration.ofMinutes(1), 2), OFF);
    limits.acquireMessage("p", "c");
    limits.acquireMessage("p", "c");

    assertThatThrownBy(() -> limits.acquireMessage("p", "c"))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.status()).isEqualTo(429);
              assertThat(p.extras()).containsEntry("limit", "conversation");
              assertThat(p.retryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
            });
    limits.acquireMessage("p", "another-conversation");
  }

  @Test
  void shouldGiveTheConversationTokenBackWhenTheKeyIsRefused() {
    RateLimits limits =
        new RateLimits(
            new Rate(1, Duration.ofMinutes(1), 1), new Rate(1, Duration.ofMinutes(1), 1), OFF);
    limits.acquireMessage("p", "c1");

    assertThatThrownBy(() -> limits.acquireMessage("p", "c2"))
        .isInstanceOfSatisfying(
            ApiProblem.class, p -> assertThat(p.extras()).containsEntry("limit", "api_key"));
    limits.acquireMessage("other-key", "c2"); // c2 still has its token
  }
}
