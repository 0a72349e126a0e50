package io.streamdesk.dispatcher;

import io.streamdesk.runtime.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One configured webhook: a channel's reply webhook or the ticket webhook. The secret and the extra
 * header values are {@link Secret}s (a header may carry an API token), so {@link #toString()} never
 * shows them, nor the URL's path and query.
 *
 * @param name what outcomes and metrics call the endpoint: the channel name, or {@code tickets}
 * @param url absolute http(s) URL the JSON body is POSTed to
 * @param secret HMAC-SHA256 key of the {@code X-StreamDesk-Signature} header
 * @param timeout how long one attempt may wait for the response headers
 * @param headers extra request headers, by name
 */
public record WebhookEndpoint(
    String name, URI url, Secret secret, Duration timeout, Map<String, Secret> headers) {

  /** The name of the ticket webhook in outcomes and metrics. */
  public static final String TICKETS = "tickets";

  public WebhookEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(timeout, "timeout");
    headers = Map.copyOf(headers);
  }

  /**
   * The URL as logs and the ready line show it: scheme, host and port only, because webhook URLs
   * often carry a token in their path or query (chat-app incoming webhooks do).
   */
  public String displayUrl() {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  @Override
  public String toString() {
    Map<String, String> shownHeaders = new TreeMap<>();
    headers.keySet().forEach(h -> shownHeaders.put(h, Secret.MASK));
    return "WebhookEndpoint[name="
        + name
        + ", url="
        + displayUrl()
        + "/..."
        + ", secret="
        + Secret.MASK
        + ", timeout="
        + timeout
        + ", headers="
        + shownHeaders
        + "]";
  }
}
