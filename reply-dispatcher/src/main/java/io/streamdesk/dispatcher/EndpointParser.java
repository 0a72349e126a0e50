package io.streamdesk.dispatcher;

import io.streamdesk.runtime.config.ConfigType;
import io.streamdesk.runtime.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads webhook endpoints from free-form keys: {@code <name>.url}, {@code <name>.secret}, {@code
 * <name>.timeout} and {@code <name>.header.<Header-Name>} under {@code dispatcher.channel.}, and
 * {@code url}/{@code secret}/{@code timeout}/{@code header.*} of the ticket webhook. Every problem
 * is collected, never thrown one by one, and no message ever contains a secret or header value.
 */
final class EndpointParser {

  /** Headers the dispatcher sets itself or that the JDK client forbids. */
  static final Set<String> RESERVED_HEADERS =
      Set.of(
          "content-type",
          "content-length",
          "host",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "user-agent",
          "idempotency-key");

  private static final String OWN_HEADER_PREFIX = "x-streamdesk-";
  private static final Pattern HEADER_TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
  private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final String HEADER = ".header.";

  private EndpointParser() {}

  /**
   * A channel name as configured and as carried by events, compared loosely: lower case, with dots
   * and underscores as dashes, because environment variables cannot spell a dash ({@code
   * STREAMDESK_DISPATCHER_CHANNEL_MINI_PROGRAM_URL} configures channel {@code mini-program}).
   */
  static String canonicalChannel(String channel) {
    return channel.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
  }

  /**
   * Channel endpoints from the keys under {@code prefix} (given with the prefix stripped).
   *
   * @param prefix the configured prefix, for messages, e.g. {@code dispatcher.channel.}
   * @param entries keys with the prefix stripped, e.g. {@code wecom.url}
   * @param defaultTimeout timeout of a channel that sets none
   * @param problems where problems are added
   * @return endpoints by canonical channel name
   */
  static Map<String, WebhookEndpoint> channels(
      String prefix, Map<String, String> entries, Duration defaultTimeout, List<String> problems) {
    Map<String, Map<String, String>> byChannel = new TreeMap<>();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      String key = entry.getKey();
      int header = key.indexOf(HEADER);
      String name;
      String attribute;
      if (header > 0) {
        name = key.substring(0, header);
        attribute = "header." + key.substring(header + HEADER.length());
      } else {
        int dot = key.lastIndexOf('.');
        if (dot <= 0) {
          problems.add(
              prefix
                  + key
                  + ": expected "
                  + prefix
                  + "<name>.url, .secret, .timeout or .header.<Header-Name>");
          continue;
        }
        name = key.substring(0, dot);
        attribute = key.substring(dot + 1);
      }
      String canonical = canonicalChannel(name);
      if (!CHANNEL_NAME.matcher(canonical).matches()) {
        problems.add(prefix + key + ": channel name '" + name + "' must be [a-z0-9-]");
        continue;
      }
      Map<String, String> attributes = byChannel.computeIfAbsent(canonical, c -> new TreeMap<>());
      if (attributes.put(attribute, entry.getValue()) != null) {
        problems.add(prefix + key + ": channel " + canonical + " sets " + attribute + " twice");
      }
    }
    Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
    byChannel.forEach(
        (name, attributes) ->
            endpoint(prefix + name + ".", name, attributes, defaultTimeout, problems)
                .ifPresent(e -> endpoints.put(name, e)));
    return endpoints;
  }

  /**
   * One endpoint from its attributes ({@code url}, {@code secret}, {@code timeout}, {@code
   * header.X}), or empty with problems added.
   */
  static java.util.Optional<WebhookEndpoint> endpoint(
      String keyPrefix,
      String name,
      Map<String, String> attributes,
      Duration defaultTimeout,
      List<String> problems) {
    int before = problems.size();
    URI url = null;
    Secret secret = null;
    Duration timeout = defaultTimeout;
    Map<String, Secret> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      String key = keyPrefix + attribute.getKey();
      String value = attribute.getValue();
      switch (attribute.getKey()) {
        case "url" -> url = parseUrl(key, value, problems);
        case "secret" -> {
          if (value.isBlank()) {
            problems.add(key + ": must not be blank");
          } else {
            secret = Secret.of(value);
          }
        }
        case "timeout" -> timeout = parseTimeout(key, value, problems);
        default -> {
          if (attribute.getKey().startsWith("header.")) {
            String header = headerName(attribute.getKey().substring("header.".length()));
            checkHeader(key, header, problems);
            headers.put(header, Secret.of(value));
          } else {
            problems.add(key + ": unknown key (expected url, secret, timeout or header.<Name>)");
          }
        }
      }
    }
    if (url == null && !attributes.containsKey("url")) {
      problems.add(keyPrefix + "url: required for webhook " + name);
    }
    if (secret == null && !attributes.containsKey("secret")) {
      problems.add(
          keyPrefix + "secret: required for webhook " + name + " (every delivery is signed)");
    }
    if (problems.size() > before) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new WebhookEndpoint(name, url, secret, timeout, headers));
  }

  /** Header names given through environment variables have dots for dashes. */
  private static String headerName(String raw) {
    return raw.replace('.', '-');
  }

  private static void checkHeader(String key, String header, List<String> problems) {
    String lower = header.toLowerCase(Locale.ROOT);
    if (!HEADER_TOKEN.matcher(header).matches()) {
      problems.add(key + ": '" + header + "' is not a valid HTTP header name");
    } else if (RESERVED_HEADERS.contains(lower) || lower.startsWith(OWN_HEADER_PREFIX)) {
      problems.add(key + ": header " + header + " is set by the dispatcher and cannot be changed");
    }
  }

  private static URI parseUrl(String key, String value, List<String> problems) {
    try {
      URI url = ConfigType.URI.parse(value);
      String scheme = url.getScheme().toLowerCase(Locale.ROOT);
      // The value itself is not echoed: webhook URLs often carry a token.
      if (!scheme.equals("http") && !scheme.equals("https")) {
        problems.add(key + ": must be an http or https URL, not " + scheme);
        return null;
      }
      if (url.getHost() == null) {
        problems.add(key + ": the URL has no host");
        return null;
      }
      return url;
    } catch (IllegalArgumentException e) {
      problems.add(key + ": the value is " + e.getMessage());
      return null;
    }
  }

  private static Duration parseTimeout(String key, String value, List<String> problems) {
    try {
      Duration timeout = ConfigType.DURATION.parse(value);
      if (timeout.isZero() || timeout.isNegative()) {
        problems.add(key + ": must be a positive duration");
      }
      return timeout;
    } catch (IllegalArgumentException e) {
      problems.add(key + ": '" + value + "' is " + e.getMessage());
      return null;
    }
  }
}
