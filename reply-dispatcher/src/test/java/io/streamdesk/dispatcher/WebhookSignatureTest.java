package io.streamdesk.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.runtime.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final Secret SECRET = Secret.of("whsec_streamdesk_test");
  private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");
  private static final byte[] BODY =
      "{\"type\":\"reply\",\"text\":\"你好\"}".getBytes(StandardCharsets.UTF_8);
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Test
  void shouldSignTimestampDotBodyWithHmacSha256AsComputedByOpenssl() {
    // Given: printf '%s' '1767603600.{"type":"reply","text":"你好"}'
    //          | openssl dgst -sha256 -hmac 'whsec_streamdesk_test'
    String expected = "6d4224cd33d5e41a8bf34e1a25533409575c54d57a1a552af8cb49699a0b6fd3";

    // When
    String header = WebhookSignature.header(SECRET, AT, BODY);

    // Then
    assertThat(header).isEqualTo("t=1767603600,v1=" + expected);
  }

  @Test
  void shouldVerifyAHeaderWithinTheTolerance() {
    String header = WebhookSignature.header(SECRET, AT, BODY);

    assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, AT.plusSeconds(299)))
        .isTrue();
    assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, AT.minusSeconds(299)))
        .isTrue();
  }

  @Test
  void shouldRejectAReplayedHeaderOutsideTheTolerance() {
    String header = WebhookSignature.header(SECRET, AT, BODY);

    assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, AT.plusSeconds(301)))
        .isFalse();
  }

  @Test
  void shouldRejectATamperedBodyAWrongSecretAndAMovedTimestamp() {
    String header = WebhookSignature.header(SECRET, AT, BODY);
    byte[] tampered = "{\"type\":\"reply\",\"text\":\"再见\"}".getBytes(StandardCharsets.UTF_8);
    String movedTimestamp = header.replace("t=1767603600", "t=1767603601");

    assertThat(WebhookSignature.verify(header, tampered, SECRET, TOLERANCE, AT)).isFalse();
    assertThat(WebhookSignature.verify(header, BODY, Secret.of("other"), TOLERANCE, AT)).isFalse();
    assertThat(WebhookSignature.verify(movedTimestamp, BODY, SECRET, TOLERANCE, AT)).isFalse();
  }

  @Test
  void shouldAcceptAnyOfSeveralSignaturesWhileASecretIsRotated() {
    String current = WebhookSignature.header(SECRET, AT, BODY);
    String old = WebhookSignature.signature(Secret.of("old-secret"), AT.getEpochSecond(), BODY);
    String both = current.replace(",v1=", ",v1=" + old + ",v1=");

    assertThat(WebhookSignature.verify(both, BODY, SECRET, TOLERANCE, AT)).isTrue();
  }

  @Test
  void shouldRejectMalformedHeaders() {
    assertThat(WebhookSignature.verify(null, BODY, SECRET, TOLERANCE, AT)).isFalse();
    assertThat(WebhookSignature.verify("", BODY, SECRET, TOLERANCE, AT)).isFalse();
    assertThat(WebhookSignature.verify("t=abc,v1=00", BODY, SECRET, TOLERANCE, AT)).isFalse();
    assertThat(WebhookSignature.verify("t=1767603600", BODY, SECRET, TOLERANCE, AT)).isFalse();
    assertThat(WebhookSignature.verify("v1=00", BODY, SECRET, TOLERANCE, AT)).isFalse();
  }
}
