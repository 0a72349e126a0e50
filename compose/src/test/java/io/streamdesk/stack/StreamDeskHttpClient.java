package io.streamdesk.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * What a channel integrator does with the ingest connector's HTTP API: {@code POST /v1/messages}
 * with an API key, and {@code GET /v1/conversations/{id}/events} to read the replies.
 */
final class StreamDeskHttpClient implements AutoCloseable {

  private final URI base;
  private final String apiKey;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  StreamDeskHttpClient(URI base, String apiKey, ObjectMapper json) {
    this.base = base;
    this.apiKey = apiKey;
    this.json = json;
  }

  /** Sends a customer message; returns its message id once the connector accepted it (202). */
  String send(String conversationId, String text, String locale)
      throws IOException, InterruptedException {
    ObjectNode body =
        json.createObjectNode()
            .put("conversationId", conversationId)
            .put("text", text)
            .put("locale", locale);
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/v1/messages"))
            .timeout(Duration.ofSeconds(30))
            .header("X-API-Key", apiKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "POST /v1/messages answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode accepted = json.readTree(response.body());
    if (!conversationId.equals(accepted.path("conversationId").asText())) {
      throw new IllegalStateException("accepted into another conversation: " + response.body());
    }
    return accepted.path("messageId").asText();
  }

  /** Opens the conversation's event stream; returns once the server subscribed it. */
  ConversationEventStream events(String conversationId) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/v1/conversations/" + conversationId + "/events"))
            .header("X-API-Key", apiKey)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<Stream<String>> response = http.send(request, BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IllegalStateException("event stream answered " + response.statusCode());
    }
    return new ConversationEventStream(conversationId, response.body(), json);
  }

  @Override
  public void close() {
    http.close();
  }
}
