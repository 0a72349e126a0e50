package io.streamdesk.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the schema registry is and how to talk to it. Keys and defaults:
 *
 * <ul>
 *   <li>{@code schema.registry.url} (required): {@code http(s)://host:port[/path]} of a
 *       Confluent-compatible API (for Apicurio: {@code .../apis/ccompat/v7}), or a comma-separated
 *       list of such URLs (the client fails over to the next one when a registry cannot be
 *       reached), or {@code mock://scope} for the in-process registry of the local stack and tests.
 *       Credentials never go in the URL.
 *   <li>{@code schema.registry.auto.register.schemas} (true): serializers register their schema on
 *       first use; when false they only look it up. {@code true} or {@code false}.
 *   <li>{@code schema.registry.basic.auth.user.info} (unset): {@code user:password} for basic auth.
 *   <li>{@code schema.registry.bearer.auth.token} (unset): a bearer token. At most one of the two
 *       credentials may be set.
 *   <li>{@code schema.registry.connect.timeout.ms} (5000) and {@code
 *       schema.registry.request.timeout.ms} (10000).
 *   <li>{@code schema.registry.cache.capacity} (1000): schemas kept per client.
 * </ul>
 */
public record RegistryConfig(
    String url,
    boolean autoRegister,
    Optional<RegistryCredentials> credentials,
    Duration connectTimeout,
    Duration requestTimeout,
    int cacheCapacity) {

  public static final String URL = "schema.registry.url";
  public static final String AUTO_REGISTER = "schema.registry.auto.register.schemas";
  public static final String BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
  public static final String BEARER_TOKEN = "schema.registry.bearer.auth.token";
  public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String CACHE_CAPACITY = "schema.registry.cache.capacity";

  public static final String MOCK_SCHEME = "mock://";

  public RegistryConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    List<String> problems = new ArrayList<>(urlProblems(url));
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      problems.add(CONNECT_TIMEOUT_MS + " must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      problems.add(REQUEST_TIMEOUT_MS + " must be positive");
    }
    if (cacheCapacity < 1) {
      problems.add(CACHE_CAPACITY + " must be >= 1, got " + cacheCapacity);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid schema registry config: " + problems);
    }
  }

  /** The in-process registry for {@code scope}, auto-registering. */
  public static RegistryConfig mock(String scope) {
    return new RegistryConfig(
        MOCK_SCHEME + scope,
        true,
        Optional.empty(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        1000);
  }

  /** A registry at {@code url} with the defaults above. */
  public static RegistryConfig of(String url) {
    return fromProperties(Map.of(URL, url));
  }

  /** Reads the keys above; unknown keys are ignored so a whole client config can be passed. */
  public static RegistryConfig fromProperties(Map<String, ?> props) {
    Object url = props.get(URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException("invalid schema registry config: " + URL + " is required");
    }
    Optional<RegistryCredentials> credentials = Optional.empty();
    Object userInfo = props.get(BASIC_AUTH_USER_INFO);
    Object token = props.get(BEARER_TOKEN);
    if (isSet(userInfo) && isSet(token)) {
      throw new IllegalArgumentException(
          "invalid schema registry config: set either "
              + BASIC_AUTH_USER_INFO
              + " or "
              + BEARER_TOKEN
              + ", not both");
    }
    if (isSet(userInfo)) {
      String pair = userInfo.toString();
      int colon = pair.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException(
            "invalid schema registry config: " + BASIC_AUTH_USER_INFO + " must be user:password");
      }
      credentials =
          Optional.of(
              new RegistryCredentials.Basic(pair.substring(0, colon), pair.substring(colon + 1)));
    } else if (isSet(token)) {
      credentials = Optional.of(new RegistryCredentials.Bearer(token.toString()));
    }
    return new RegistryConfig(
        url.toString().trim(),
        booleanValue(props, AUTO_REGISTER, true),
        credentials,
        Duration.ofMillis(longValue(props, CONNECT_TIMEOUT_MS, 5000)),
        Duration.ofMillis(longValue(props, REQUEST_TIMEOUT_MS, 10000)),
        intValue(props, CACHE_CAPACITY, 1000));
  }

  /** The registry URLs in failover order, without trailing slashes ({@code http(s)://} only). */
  public List<String> urls() {
    if (isMock()) {
      throw new IllegalStateException(url + " is an in-process registry, not an HTTP one");
    }
    return splitUrls(url).stream().map(u -> u.replaceAll("/+$", "")).toList();
  }

  /** True for {@code mock://} URLs. */
  public boolean isMock() {
    return url.startsWith(MOCK_SCHEME);
  }

  /** The scope of a {@code mock://} URL. */
  public String mockScope() {
    if (!isMock()) {
      throw new IllegalStateException(url + " is not a mock:// registry");
    }
    return url.substring(MOCK_SCHEME.length());
  }

  /** The keys above as properties, secrets included: pass to clients, never log. */
  public Map<String, Object> toProperties() {
    var props = new LinkedHashMap<String, Object>();
    props.put(URL, url);
    props.put(AUTO_REGISTER, Boolean.toString(autoRegister));
    credentials.ifPresent(
        c -> {
          switch (c) {
            case RegistryCredentials.Basic b ->
                props.put(BASIC_AUTH_USER_INFO, b.user() + ":" + b.password());
            case RegistryCredentials.Bearer t -> props.put(BEARER_TOKEN, t.token());
          }
        });
    props.put(CONNECT_TIMEOUT_MS, Long.toString(connectTimeout.toMillis()));
    props.put(REQUEST_TIMEOUT_MS, Long.toString(requestTimeout.toMillis()));
    props.put(CACHE_CAPACITY, Integer.toString(cacheCapacity));
    return props;
  }

  private static List<String> urlProblems(String url) {
    if (url.startsWith(MOCK_SCHEME)) {
      return url.length() == MOCK_SCHEME.length() || url.contains(",")
          ? List.of(URL + " mock:// takes one scope name and no other URL, e.g. mock://local")
          : List.of();
    }
    List<String> problems = new ArrayList<>();
    List<String> urls = splitUrls(url);
    if (urls.isEmpty()) {
      problems.add(URL + " is empty");
    }
    for (String each : urls) {
      URI uri;
      try {
        uri = new URI(each);
      } catch (URISyntaxException e) {
        // The URL may carry a password by mistake: name the position, never echo the text.
        problems.add(
            URL + " is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        continue;
      }
      if (uri.getRawUserInfo() != null) {
        problems.add(
            URL
                + " must not carry credentials (user@host): use "
                + BASIC_AUTH_USER_INFO
                + " or "
                + BEARER_TOKEN);
      } else if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        problems.add(
            URL + " must be http(s)://host[:port][/path] or mock://scope, got '" + each + "'");
      }
    }
    return problems;
  }

  private static List<String> splitUrls(String url) {
    return Arrays.stream(url.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList();
  }

  private static boolean isSet(Object value) {
    return value != null && !value.toString().isBlank();
  }

  private static boolean booleanValue(Map<String, ?> props, String key, boolean fallback) {
    Object value = props.get(key);
    if (!isSet(value)) {
      return fallback;
    }
    String text = value.toString().trim();
    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(
          "invalid schema registry config: " + key + " must be true or false, got '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }

  private static int intValue(Map<String, ?> props, String key, int fallback) {
    long value = longValue(props, key, fallback);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "invalid schema registry config: " + key + " is out of range, got " + value);
    }
    return (int) value;
  }

  private static long longValue(Map<String, ?> props, String key, long fallback) {
    Object value = props.get(key);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid schema registry config: " + key + " must be a number, got '" + value + "'", e);
    }
  }
}
