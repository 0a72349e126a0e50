package io.streamdesk.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  @Test
  void shouldApplyTheDocumentedDefaults() {
    RegistryConfig config = RegistryConfig.of("http://registry:8081");

    assertThat(config.autoRegister()).isTrue();
    assertThat(config.credentials()).isEmpty();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.cacheCapacity()).isEqualTo(1000);
  }

  @Test
  void shouldReadEveryKeyAndWriteThemBack() {
    Map<String, Object> props =
        Map.of(
            RegistryConfig.URL,
            "https://a:8081/apis/ccompat/v7/, https://b:8081",
            RegistryConfig.AUTO_REGISTER,
            "FALSE",
            RegistryConfig.BASIC_AUTH_USER_INFO,
            "alice:pa:ss",
            RegistryConfig.CONNECT_TIMEOUT_MS,
            "250",
            RegistryConfig.REQUEST_TIMEOUT_MS,
            "750",
            RegistryConfig.CACHE_CAPACITY,
            "12",
            "bootstrap.servers",
            "ignored:9092");

    RegistryConfig config = RegistryConfig.fromProperties(props);

    assertThat(config.urls()).containsExactly("https://a:8081/apis/ccompat/v7", "https://b:8081");
    assertThat(config.autoRegister()).isFalse();
    assertThat(config.credentials()).contains(new RegistryCredentials.Basic("alice", "pa:ss"));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(config.cacheCapacity()).isEqualTo(12);
    assertThat(RegistryConfig.fromProperties(config.toProperties())).isEqualTo(config);
  }

  @Test
  void shouldRefuseBothCredentialsAtOnce() {
    assertThatThrownBy(
            () ->
                RegistryConfig.fromProperties(
                    Map.of(
                        RegistryConfig.URL, "http://r:8081",
                        RegistryConfig.BASIC_AUTH_USER_INFO, "alice:pw",
                        RegistryConfig.BEARER_TOKEN, "tok")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not both");
  }

  @Test
  void shouldRefuseCredentialsInTheUrlWithoutEchoingThem() {
    assertThatThrownBy(() -> RegistryConfig.of("http://alice:hunter2@registry:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(RegistryConfig.BASIC_AUTH_USER_INFO)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void shouldRefuseAnAutoRegisterValueThatIsNotABoolean() {
    assertThatThrownBy(
            () ->
                RegistryConfig.fromProperties(
                    Map.of(
                        RegistryConfig.URL, "http://r:8081", RegistryConfig.AUTO_REGISTER, "no")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("true or false");
  }

  @Test
  void shouldListEveryProblemOfAnInvalidConfig() {
    assertThatThrownBy(
            () ->
                new RegistryConfig(
                    "ftp://r", true, Optional.empty(), Duration.ZERO, Duration.ofMillis(-1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http(s)://")
        .hasMessageContaining(RegistryConfig.CONNECT_TIMEOUT_MS)
        .hasMessageContaining(RegistryConfig.REQUEST_TIMEOUT_MS)
        .hasMessageContaining(RegistryConfig.CACHE_CAPACITY);
  }

  @Test
  void shouldTakeOneMockScopeAndNoOtherUrl() {
    assertThat(RegistryConfig.of("mock://local").mockScope()).isEqualTo("local");
    for (String url : List.of("mock://", "mock://a,http://r:8081")) {
      assertThatThrownBy(() -> RegistryConfig.of(url))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("mock://");
    }
  }

  @Test
  void shouldMaskSecretsInToString() {
    RegistryConfig basic =
        RegistryConfig.fromProperties(
            Map.of(
                RegistryConfig.URL, "http://r:8081",
                RegistryConfig.BASIC_AUTH_USER_INFO, "alice:hunter2"));
    RegistryConfig bearer =
        RegistryConfig.fromProperties(
            Map.of(RegistryConfig.URL, "http://r:8081", RegistryConfig.BEARER_TOKEN, "tok-123"));

    assertThat(basic.toString()).contains("alice").doesNotContain("hunter2");
    assertThat(bearer.toString()).doesNotContain("tok-123");
  }
}
