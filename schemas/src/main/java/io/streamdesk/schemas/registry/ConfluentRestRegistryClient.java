package io.streamdesk.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API (also served by Apicurio's ccompat API,
 * Karapace and Redpanda). Confluent's own client is not on Maven Central, so this one is ours: the
 * five calls the serdes need, typed errors, credentials and timeouts, no caching (see {@link
 * CachingSchemaRegistryClient}).
 *
 * <p>Error mapping: connection failures and timeouts, and HTTP 5xx, are {@link
 * RegistryUnavailableException}; 401/403 {@link RegistryAccessDeniedException}; 409 on register
 * {@link IncompatibleSchemaException}; 404 with Confluent error code 40401 (subject not found) or
 * 40403 (schema not found) {@link SchemaNotRegisteredException} on lookup and {@link
 * UnknownSchemaIdException} on fetch by id. A 404 without a Confluent error code means the URL does
 * not point at a registry API.
 *
 * <p>With several URLs, a request that cannot reach one registry (connect failure or timeout) is
 * retried on the next; the client then stays on the one that answered. HTTP errors are answers and
 * are not retried. Secrets are sent in the {@code Authorization} header only, never logged and
 * never put in a message.
 */
final class ConfluentRestRegistryClient implements SchemaRegistryClient {

  private static final Logger LOG = LoggerFactory.getLogger(ConfluentRestRegistryClient.class);

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  static final int SUBJECT_NOT_FOUND = 40401;
  static final int VERSION_NOT_FOUND = 40402;
  static final int SCHEMA_NOT_FOUND = 40403;

  private final List<String> baseUrls;
  private final Optional<RegistryCredentials> credentials;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /** Index in {@link #baseUrls} of the registry that answered last: requests start there. */
  private final AtomicInteger current = new AtomicInteger();

  ConfluentRestRegistryClient(RegistryConfig config) {
    this.baseUrls = config.urls();
    this.credentials = config.credentials();
    this.requestTimeout = config.requestTimeout();
    // HTTP/1.1: the default HTTP/2 sends an h2c upgrade on cleartext, which some proxies mishandle.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .build();
  }

  @Override
  public int register(String subject, Schema schema) {
    String action = "register a schema under '" + subject + "'";
    Response response = post("/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    if (response.status() == 409) {
      throw new IncompatibleSchemaException(subject, response.message());
    }
    return response.requireOk(action).requireInt("id", action);
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    String action = "look up a schema under '" + subject + "'";
    Response response = post("/subjects/" + encode(subject), schemaBody(schema));
    if (response.isNotFound(SUBJECT_NOT_FOUND, SCHEMA_NOT_FOUND)) {
      throw new SchemaNotRegisteredException(subject);
    }
    return response.requireOk(action).requireInt("id", action);
  }

  @Override
  public Schema schemaById(int id) {
    String action = "fetch schema id " + id;
    Response response = get("/schemas/ids/" + id);
    if (response.isNotFound(SCHEMA_NOT_FOUND)) {
      throw new UnknownSchemaIdException(id, response.baseUrl());
    }
    return response.requireOk(action).requireAvroSchema(action);
  }

  @Override
  public Optional<SubjectVersion> latest(String subject) {
    String action = "fetch the latest version of '" + subject + "'";
    Response response = get("/subjects/" + encode(subject) + "/versions/latest");
    if (response.isNotFound(SUBJECT_NOT_FOUND, VERSION_NOT_FOUND)) {
      return Optional.empty();
    }
    Response ok = response.requireOk(action);
    return Optional.of(
        new SubjectVersion(
            subject,
            ok.requireInt("version", action),
            ok.requireInt("id", action),
            ok.requireAvroSchema(action)));
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    String action = "check compatibility with '" + subject + "'";
    Response response =
        post("/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
    if (response.isNotFound(SUBJECT_NOT_FOUND, VERSION_NOT_FOUND)) {
      return true; // nothing registered yet: anything is compatible
    }
    JsonNode answer = response.requireOk(action).body().path("is_compatible");
    if (!answer.isBoolean()) {
      throw response.unexpected(action, "no boolean 'is_compatible'");
    }
    return answer.booleanValue();
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "ConfluentRestRegistryClient" + baseUrls;
  }

  private String schemaBody(Schema schema) {
    return json.createObjectNode()
        .put("schemaType", "AVRO")
        .put("schema", schema.toString())
        .toString();
  }

  private Response get(String path) {
    return send("GET", path, null);
  }

  private Response post(String path, String body) {
    return send("POST", path, body);
  }

  private Response send(String method, String path, String body) {
    int first = current.get();
    IOException failure = null;
    for (int attempt = 0; attempt < baseUrls.size(); attempt++) {
      int index = (first + attempt) % baseUrls.size();
      String baseUrl = baseUrls.get(index);
      long started = System.nanoTime();
      try {
        HttpResponse<String> response =
            http.send(
                request(method, baseUrl + path, body),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        current.set(index);
        LOG.debug(
            "{} {}{} -> HTTP {} in {} ms",
            method,
            baseUrl,
            path,
            response.statusCode(),
            (System.nanoTime() - started) / 1_000_000);
        return new Response(baseUrl, path, response.statusCode(), readJson(response.body()));
      } catch (IOException e) {
        failure = e;
        if (attempt + 1 < baseUrls.size()) {
          LOG.warn(
              "schema registry {} is unreachable ({}), trying the next URL", baseUrl, describe(e));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException(
            "interrupted while calling the schema registry at " + baseUrl, e);
      }
    }
    throw new RegistryUnavailableException(
        "schema registry is unreachable at "
            + String.join(", ", baseUrls)
            + ": "
            + describe(failure),
        failure);
  }

  private HttpRequest request(String method, String url, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(requestTimeout)
            .header("Accept", ACCEPT)
            .header("User-Agent", "streamdesk-schemas");
    credentials.ifPresent(c -> builder.header("Authorization", c.authorizationHeader()));
    if (body == null) {
      return builder.GET().build();
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private String describe(IOException e) {
    return switch (e) {
      case HttpConnectTimeoutException t ->
          "no connection within "
              + http.connectTimeout().map(Duration::toMillis).orElse(0L)
              + " ms ("
              + RegistryConfig.CONNECT_TIMEOUT_MS
              + ")";
      case HttpTimeoutException t ->
          "no answer within "
              + requestTimeout.toMillis()
              + " ms ("
              + RegistryConfig.REQUEST_TIMEOUT_MS
              + ")";
      case ConnectException c -> "connection refused";
      default -> e.toString();
    };
  }

  private JsonNode readJson(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      // A proxy or a wrong URL answers HTML: keep the start of it for the error message.
      return json.createObjectNode().put("message", abbreviate(body));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** Percent-encodes one path segment ({@code URLEncoder} is for forms: it writes spaces as +). */
  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record Response(String baseUrl, String path, int status, JsonNode body) {

    int errorCode() {
      return body.path("error_code").asInt(0);
    }

    String message() {
      return body.path("message").asText("HTTP " + status);
    }

    boolean isNotFound(int... errorCodes) {
      if (status != 404) {
        return false;
      }
      for (int code : errorCodes) {
        if (errorCode() == code) {
          return true;
        }
      }
      return false;
    }

    Response requireOk(String action) {
      if (status >= 200 && status < 300) {
        return this;
      }
      String where = "schema registry at " + baseUrl;
      if (status >= 500) {
        throw new RegistryUnavailableException(
            where + " failed to " + action + ": HTTP " + status + " " + message());
      }
      if (status == 401) {
        throw new RegistryAccessDeniedException(
            status,
            where
                + " refused the credentials (HTTP 401) to "
                + action
                + ": check "
                + RegistryConfig.BASIC_AUTH_USER_INFO
                + " or "
                + RegistryConfig.BEARER_TOKEN);
      }
      if (status == 403) {
        throw new RegistryAccessDeniedException(
            status, where + " denied the right (HTTP 403) to " + action + ": " + message());
      }
      if (status == 404 && errorCode() == 0) {
        throw new SchemaRegistryException(
            where
                + " has no "
                + path
                + " (HTTP 404, not a registry answer): is "
                + RegistryConfig.URL
                + " the Confluent-compatible API (for Apicurio: .../apis/ccompat/v7)?");
      }
      throw new SchemaRegistryException(
          where
              + " could not "
              + action
              + ": HTTP "
              + status
              + (errorCode() == 0 ? "" : " error " + errorCode())
              + " "
              + message());
    }

    int requireInt(String field, String action) {
      JsonNode value = body.path(field);
      if (!value.isInt()) {
        throw unexpected(action, "no integer '" + field + "'");
      }
      return value.intValue();
    }

    Schema requireAvroSchema(String action) {
      String type = body.path("schemaType").asText("AVRO");
      if (!"AVRO".equals(type)) {
        throw unexpected(action, "a " + type + " schema, not Avro");
      }
      if (!body.path("references").isEmpty()) {
        throw unexpected(action, "a schema with references, which this client does not resolve");
      }
      JsonNode text = body.path("schema");
      if (!text.isTextual()) {
        throw unexpected(action, "no 'schema' text");
      }
      try {
        return new Schema.Parser().parse(text.textValue());
      } catch (AvroRuntimeException e) {
        throw new SchemaRegistryException(
            "schema registry at " + baseUrl + " returned an invalid Avro schema to " + action, e);
      }
    }

    SchemaRegistryException unexpected(String action, String what) {
      return new SchemaRegistryException(
          "schema registry at "
              + baseUrl
              + " answered the request to "
              + action
              + " with "
              + what
              + ": "
              + abbreviate(body.toString()));
    }
  }
}
