package io.streamdesk.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of {@code GET /v1/conversations/{id}/events}: reads the Server-Sent Events of one
 * conversation on a virtual thread and keeps each {@code reply} and {@code handoff} by the message
 * id it answers. Counts repeats of either, since a client must see each event once.
 */
final class ConversationEventStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConversationEventStream.class);

  private final String conversationId;
  private final Stream<String> lines;
  private final ObjectMapper json;
  private final Map<String, JsonNode> replies = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> handoffs = new ConcurrentHashMap<>();
  private final AtomicInteger repeats = new AtomicInteger();
  private final Thread reader;
  private volatile boolean closed;

  /** Starts reading an open stream; the response headers have arrived, so it is subscribed. */
  ConversationEventStream(String conversationId, Stream<String> lines, ObjectMapper json) {
    this.conversationId = conversationId;
    this.lines = lines;
    this.json = json;
    this.reader = Thread.ofVirtual().name("sse-" + conversationId).start(this::read);
  }

  Optional<JsonNode> reply(String messageId) {
    return Optional.ofNullable(replies.get(messageId));
  }

  Optional<JsonNode> handoff(String messageId) {
    return Optional.ofNullable(handoffs.get(messageId));
  }

  /** Reply or handoff events received a second time for the same message. */
  int repeats() {
    return repeats.get();
  }

  private void read() {
    String event = null;
    StringBuilder data = new StringBuilder();
    try {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          dispatch(event, data.toString());
          event = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring("data:".length()).trim());
        }
        // "id:" cursors, "retry:" and ": keep-alive" comments need no handling here
      }
    } catch (UncheckedIOException e) {
      if (!closed) {
        LOG.warn("event stream of {} broke", conversationId, e);
      }
    }
  }

  private void dispatch(String event, String data) {
    if (event == null || data.isEmpty()) {
      return;
    }
    Map<String, JsonNode> target =
        switch (event) {
          case "reply" -> replies;
          case "handoff" -> handoffs;
          default -> null; // chunks: the reply carries the whole text
        };
    if (target == null) {
      return;
    }
    try {
      JsonNode node = json.readTree(data);
      if (target.putIfAbsent(node.path("messageId").asText(), node) != null) {
        repeats.incrementAndGet();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable " + event + " event: " + data, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    lines.close();
    reader.interrupt();
  }
}
