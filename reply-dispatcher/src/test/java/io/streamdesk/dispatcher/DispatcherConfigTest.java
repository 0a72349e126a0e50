package io.streamdesk.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherConfigTest {

  @Test
  void shouldUseDocumentedDefaults() {
    DispatcherConfig config = DispatcherConfig.load(Configuration.of(Map.of()));

    assertThat(config.groupId()).isEqualTo("reply-dispatcher");
    assertThat(config.autoOffsetReset()).isEqualTo(DispatcherConfig.OffsetReset.LATEST);
    assertThat(config.channels()).isEmpty();
    assertThat(config.ticketWebhook()).isEmpty();
    assertThat(config.skipUnconfiguredChannels()).isTrue();
    assertThat(config.retry())
        .isEqualTo(
            new RetryPolicy(
                6, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.2, Duration.ofMinutes(5)));
    assertThat(config.maxConcurrentRequests()).isEqualTo(64);
    assertThat(config.maxPendingRecords()).isEqualTo(10_000);
    assertThat(config.dedupTtl()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void shouldReadChannelWebhooksWithSecretTimeoutAndHeaders() {
    // Given
    Configuration configuration =
        Configuration.of(
            Map.of(
                "dispatcher.channel.wecom.url", "https://hooks.example.com/wecom",
                "dispatcher.channel.wecom.secret", "s3cret",
                "dispatcher.channel.wecom.timeout", "3s",
                "dispatcher.channel.wecom.header.X-Api-Key", "key-123",
                "dispatcher.channel.app.url", "http://127.0.0.1:9000/replies",
                "dispatcher.channel.app.secret", "other",
                "dispatcher.default-timeout", "7s"));

    // When
    DispatcherConfig config = DispatcherConfig.load(configuration);

    // Then
    WebhookEndpoint wecom = config.channel("wecom").orElseThrow();
    assertThat(wecom.url()).isEqualTo(URI.create("https://hooks.example.com/wecom"));
    assertThat(wecom.secret()).isEqualTo(Secret.of("s3cret"));
    assertThat(wecom.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(wecom.headers()).containsEntry("X-Api-Key", Secret.of("key-123"));
    assertThat(config.channel("app").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(config.channel("web")).isEmpty();
  }

  @Test
  void shouldReadChannelsFromEnvironmentVariablesAndMatchChannelNamesLoosely() {
    // Given an environment cannot spell dashes: MINI_PROGRAM, X_API_KEY
    Configuration configuration =
        Configuration.builder()
            .environment(
                Map.of(
                    "STREAMDESK_DISPATCHER_CHANNEL_MINI_PROGRAM_URL", "https://mp.example.com/h",
                    "STREAMDESK_DISPATCHER_CHANNEL_MINI_PROGRAM_SECRET", "s",
                    "STREAMDESK_DISPATCHER_CHANNEL_MINI_PROGRAM_HEADER_X_API_KEY", "k"))
            .build();

    // When
    DispatcherConfig config = DispatcherConfig.load(configuration);

    // Then
    WebhookEndpoint endpoint = config.channel("mini-program").orElseThrow();
    assertThat(config.channel("MINI_PROGRAM")).contains(endpoint);
    assertThat(endpoint.headers()).containsOnlyKeys("x-api-key");
  }

  @Test
  void shouldReadTheTicketWebhook() {
    DispatcherConfig config =
        DispatcherConfig.load(
            Configuration.of(
                Map.of(
                    "dispatcher.tickets.url", "https://tickets.example.com/api/handoffs",
                    "dispatcher.tickets.secret", "t",
                    "dispatcher.tickets.header.Authorization", "Bearer abc")));

    WebhookEndpoint tickets = config.ticketWebhook().orElseThrow();
    assertThat(tickets.name()).isEqualTo("tickets");
    assertThat(tickets.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(tickets.headers()).containsEntry("Authorization", Secret.of("Bearer abc"));
  }

  @Test
  void shouldReportEveryProblemAtOnceWithoutShowingSecrets() {
    // Given
    Configuration configuration =
        Configuration.of(
            Map.of(
                "dispatcher.channel.wecom.url", "ftp://hooks.example.com",
                "dispatcher.channel.wecom.header.Content-Type", "text/plain",
                "dispatcher.channel.app.secret", "very-secret-value",
                "dispatcher.channel.app.colour", "blue",
                "dispatcher.channel.nameonly", "x",
                "dispatcher.tickets.secret", "ticket-secret-value",
                "dispatcher.retry.initial-backoff", "2m",
                "dispatcher.retry.jitter", "1.5"));

    // When / Then
    assertThatThrownBy(() -> DispatcherConfig.load(configuration))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              ConfigException error = (ConfigException) e;
              assertThat(error.problems())
                  .anySatisfy(p -> assertThat(p).contains("dispatcher.retry.jitter"));
              assertThat(error.getMessage())
                  .doesNotContain("very-secret-value")
                  .doesNotContain("ticket-secret-value");
            });
    // The free-form keys are checked once the typed keys are valid.
    Configuration typedOk =
        Configuration.of(
            Map.of(
                "dispatcher.channel.wecom.url", "ftp://hooks.example.com",
                "dispatcher.channel.wecom.header.Content-Type", "text/plain",
                "dispatcher.channel.app.secret", "very-secret-value",
                "dispatcher.channel.app.colour", "blue",
                "dispatcher.channel.nameonly", "x",
                "dispatcher.tickets.secret", "ticket-secret-value",
                "dispatcher.retry.initial-backoff", "2m"));
    assertThatThrownBy(() -> DispatcherConfig.load(typedOk))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              ConfigException error = (ConfigException) e;
              assertThat(error.problems())
                  .anySatisfy(p -> assertThat(p).contains("dispatcher.channel.wecom.url"))
                  .anySatisfy(p -> assertThat(p).contains("wecom.secret: required"))
                  .anySatisfy(p -> assertThat(p).contains("Content-Type is set by the dispatcher"))
                  .anySatisfy(p -> assertThat(p).contains("dispatcher.channel.app.url: required"))
                  .anySatisfy(p -> assertThat(p).contains("dispatcher.channel.app.colour: unknown"))
                  .anySatisfy(p -> assertThat(p).contains("dispatcher.channel.nameonly"))
                  .anySatisfy(p -> assertThat(p).contains("dispatcher.tickets.url: required"))
                  .anySatisfy(p -> assertThat(p).contains("dispatcher.retry.max-backoff"));
              assertThat(error.getMessage())
                  .doesNotContain("very-secret-value")
                  .doesNotContain("ticket-secret-value");
            });
  }

  @Test
  void shouldNeverPrintSecretsHeaderValuesOrTheUrlsPathAndQuery() {
    DispatcherConfig config =
        DispatcherConfig.load(
            Configuration.of(
                Map.of(
                    "dispatcher.channel.wecom.url",
                        "https://hooks.example.com/cgi-bin/webhook/send?key=url-token",
                    "dispatcher.channel.wecom.secret", "s3cret-value",
                    "dispatcher.channel.wecom.header.Authorization", "Bearer token-value")));

    assertThat(config.toString())
        .contains("https://hooks.example.com")
        .doesNotContain("s3cret-value")
        .doesNotContain("token-value")
        .doesNotContain("url-token");
    assertThat(config.channel("wecom").orElseThrow().displayUrl())
        .isEqualTo("https://hooks.example.com");
  }

  @Test
  void shouldDocumentEveryKeyInTheReference() {
    String reference = DispatcherConfig.DEFINITION.toMarkdown();

    assertThat(DispatcherConfig.DEFINITION.keys())
        .allSatisfy(key -> assertThat(key.doc()).isNotBlank());
    assertThat(reference)
        .contains("dispatcher.channel.*")
        .contains("dispatcher.tickets.header.*")
        .contains("kafka.bootstrap.servers");
  }
}
