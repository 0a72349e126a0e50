package io.streamdesk.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdempotencyStoreTest {

  private final IdempotencyStore store = new IdempotencyStore(Duration.ofMinutes(5), 100);
  private final byte[] body = {1, 2, 3};
  private final Accepted accepted = new Accepted("m-1", "c-1", Instant.EPOCH, false);

  @Test
  void shouldGiveRepeatsTheFirstResult() {
    var first = (IdempotencyStore.Claim.First) store.claim("p", "k", body);
    store.complete(first, accepted);

    var repeat = store.claim("p", "k", body);

    assertThat(repeat).isInstanceOf(IdempotencyStore.Claim.Repeat.class);
    assertThat(((IdempotencyStore.Claim.Repeat) repeat).result()).isCompletedWithValue(accepted);
  }

  @Test
  void shouldKeepKeysApartPerCaller() {
    store.claim("p", "k", body);

    assertThat(store.claim("other", "k", body)).isInstanceOf(IdempotencyStore.Claim.First.class);
  }

  @Test
  void shouldRefuseTheSameKeyWithAnotherBody() {
    store.claim("p", "k", body);

    assertThatThrownBy(() -> store.claim("p", "k", new byte[] {9}))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(422));
  }

  @Test
  void shouldReleaseTheKeyWhenTheFirstAttemptFailed() {
    var first = (IdempotencyStore.Claim.First) store.claim("p", "k", body);
    store.fail(first, new IllegalStateException("broker down"));

    assertThat(store.claim("p", "k", body)).isInstanceOf(IdempotencyStore.Claim.First.class);
  }

  @Test
  void shouldRefuseMalformedKeys() {
    assertThatThrownBy(() -> store.claim("p", "has space", body))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    assertThatThrownBy(() -> store.claim("p", "x".repeat(256), body))
        .isInstanceOf(ApiProblem.class);
  }
}
