package io.streamdesk.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (also served by Apicurio's ccompat API,
 * Karapace and Redpanda). Confluent's own client is not on Maven Central, so this one is ours: the
 * five calls the serdes need, typed errors, credentials and timeouts, no caching (see {@link
 * CachingSchemaRegistryClient}).
 */
final class ConfluentRestRegistryClient implements SchemaRegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int SCHEMA_NOT_FOUND = 40403;

  private final RegistryConfig config;
  private final String baseUrl;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  ConfluentRestRegistryClient(RegistryConfig config) {
    this.config = config;
    this.baseUrl = config.url().replaceAll("/+$", "");
    this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
  }

  @Override
  public int register(String subject, Schema schema) {
    Response response = post("/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    if (response.status() == 409) {
      throw new IncompatibleSchemaException(subject, response.message());
    }
    return response.requireOk("register schema under '" + subject + "'").path("id").asInt();
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    Response response = post("/subjects/" + encode(subject), schemaBody(schema));
    if (response.status() == 404) {
      throw new SchemaNotRegisteredException(subject);
    }
    return response.requireOk("look up schema under '" + subject + "'").path("id").asInt();
  }

  @Override
  public Schema schemaById(int id) {
    Response response = get("/schemas/ids/" + id);
    if (response.status() == 404) {
      throw new UnknownSchemaIdException(id, baseUrl);
    }
    return parse(response.requireOk("fetch schema id " + id).path("schema").asText());
  }

  @Override
  public Optional<SubjectVersion> latest(String subject) {
    Response response = get("/subjects/" + encode(subject) + "/versions/latest");
    if (response.status() == 404 && response.errorCode() == SUBJECT_NOT_FOUND) {
      return Optional.empty();
    }
    JsonNode body = response.requireOk("fetch latest version of '" + subject + "'");
    return Optional.of(
        new SubjectVersion(
            subject,
            body.path("version").asInt(),
            body.path("id").asInt(),
            parse(body.path("schema").asText())));
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    Response response =
        post("/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
    if (response.status() == 404
        && (response.errorCode() == SUBJECT_NOT_FOUND || response.errorCode() == 40402)) {
      return true; // nothing registered yet: anything is compatible
    }
    return response
        .requireOk("check compatibility with '" + subject + "'")
        .path("is_compatible")
        .asBoolean();
  }

  private String schemaBody(Schema schema) {
    return json.createObjectNode()
        .put("schemaType", "AVRO")
        .put("schema", schema.toString())
        .toString();
  }

  private Response get(String path) {
    return send(request(path).GET().build());
  }

  private Response post(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(config.requestTimeout())
            .header("Accept", CONTENT_TYPE + ", application/json");
    config.credentials().ifPresent(c -> builder.header("Authorization", c.authorizationHeader()));
    return builder;
  }

  private Response send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RegistryUnavailableException(
          "schema registry at " + baseUrl + " is unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted while calling " + baseUrl, e);
    }
    return new Response(response.statusCode(), readJson(response.body()));
  }

  private JsonNode readJson(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      // A proxy or a wrong URL answers HTML: keep the start of it for the error message.
      return json.createObjectNode()
          .put("message", body.substring(0, Math.min(200, body.length())));
    }
  }

  private static Schema parse(String schema) {
    return new Schema.Parser().parse(schema);
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }

  private record Response(int status, JsonNode body) {

    int errorCode() {
      return body.path("error_code").asInt(0);
    }

    String message() {
      return body.path("message").asText("HTTP " + status);
    }

    JsonNode requireOk(String action) {
      if (status >= 200 && status < 300) {
        return body;
      }
      if (status >= 500) {
        throw new RegistryUnavailableException(
            "schema registry failed to " + action + ": HTTP " + status + " " + message());
      }
      if (status == 401 || status == 403) {
        throw new SchemaRegistryException(
            "schema registry refused the credentials (HTTP " + status + ") to " + action);
      }
      if (errorCode() == SCHEMA_NOT_FOUND || errorCode() == SUBJECT_NOT_FOUND) {
        throw new SchemaRegistryException("schema registry could not " + action + ": " + message());
      }
      throw new SchemaRegistryException(
          "schema registry could not " + action + ": HTTP " + status + " " + message());
    }
  }
}
