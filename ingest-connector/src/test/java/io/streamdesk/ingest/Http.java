package io.streamdesk.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON HTTP client for the tests, and an SSE reader. */
final class Http {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response with its body parsed as JSON (null when empty or not JSON). */
  record Reply(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      return body.isEmpty() ? null : JSON.readTree(body);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  Reply post(URI uri, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  Reply postJson(URI uri, Map<String, ?> body, String... headers) {
    return post(uri, JSON.writeValueAsString(body), headers);
  }

  Reply get(URI uri, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One server-sent event. */
  record Event(String id, String name, String data) {
    JsonNode json() {
      return JSON.readTree(data);
    }
  }

  /** An open event stream; events queue up as they arrive. */
  final class EventStream implements AutoCloseable {
    final int status;
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Stream<String> lines;
    private final Thread reader;
    private volatile boolean ended;

    private EventStream(HttpResponse<Stream<String>> response) {
      this.status = response.statusCode();
      this.lines = response.body();
      this.reader = Thread.ofVirtual().start(this::read);
    }

    private void read() {
      List<String> block = new ArrayList<>();
      try {
        lines.forEach(
            line -> {
              if (line.isEmpty()) {
                parse(block);
                block.clear();
              } else {
                block.add(line);
              }
            });
      } catch (RuntimeException e) {
        // closed
      }
      ended = true;
    }

    /** Whether the server ended the stream. */
    boolean ended() {
      return ended;
    }

    private void parse(List<String> block) {
      String id = null;
      String name = "message";
      StringBuilder data = null;
      for (String line : block) {
        if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = data == null ? new StringBuilder() : data.append('\n');
          data.append(line.substring(6));
        }
      }
      if (data != null) {
        events.add(new Event(id, name, data.toString()));
      }
    }

    /** Takes the next event, failing after 20 s. */
    Event next() {
      try {
        Event e = events.poll(20, java.util.concurrent.TimeUnit.SECONDS);
        if (e == null) {
          throw new AssertionError("no event within 20 s");
        }
        return e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      lines.close();
      reader.interrupt();
    }
  }

  EventStream events(URI uri, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return new EventStream(client.send(b.build(), HttpResponse.BodyHandlers.ofLines()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
