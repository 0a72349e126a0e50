package io.streamdesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.Configuration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

  @Test
  void shouldUseDocumentedDefaults() {
    IngestConfig config =
        IngestConfig.from(Configuration.of(Map.of()).resolve(IngestConfig.DEFINITION));

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.maxTextChars()).isEqualTo(4000);
    assertThat(config.apiKeys()).isEmpty();
    assertThat(config.conversationRate().capacity()).isEqualTo(10);
    assertThat(config.webSessionSecret()).isEmpty();
    assertThat(config.adminKey()).isEmpty();
  }

  @Test
  void shouldReportEveryInvalidValueAtOnceWithoutPrintingSecrets() {
    Configuration bad =
        Configuration.of(
            Map.of(
                "ingest.port", "99999",
                "ingest.api-keys", "app:plain-key",
                "ingest.web.session-secret", "too-short-secret",
                "ingest.admin.key-hash", "plain-admin-password"));

    assertThatThrownBy(() -> bad.resolve(IngestConfig.DEFINITION))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingest.port")
        .hasMessageContaining("ingest.api-keys")
        .hasMessageContaining("ingest.web.session-secret")
        .hasMessageContaining("ingest.admin.key-hash")
        .hasMessageNotContaining("plain-admin-password")
        .hasMessageNotContaining("too-short-secret")
        .hasMessageNotContaining("plain-key");
  }

  @Test
  void shouldTreatABlankAdminKeyHashAsUnset() {
    IngestConfig config =
        IngestConfig.from(
            Configuration.of(Map.of("ingest.admin.key-hash", "")).resolve(IngestConfig.DEFINITION));

    assertThat(config.adminKey()).isEmpty();
  }

  @Test
  void shouldPassSpringAndProducerPropertiesThrough() {
    IngestConfig config =
        IngestConfig.from(
            Configuration.of(
                    Map.of(
                        "ingest.spring.server.tomcat.max-connections", "20000",
                        "ingest.producer.compression.type", "lz4"))
                .resolve(IngestConfig.DEFINITION));

    assertThat(config.springProperties()).containsEntry("server.tomcat.max-connections", "20000");
    assertThat(config.producerOverrides()).containsEntry("compression.type", "lz4");
  }
}
