package io.streamdesk.ingest.web;

import io.streamdesk.ingest.IngestConfig;
import io.streamdesk.ingest.feed.ConversationEvents;
import io.streamdesk.ingest.feed.EventCursor;
import io.streamdesk.ingest.feed.StreamEvent;
import io.streamdesk.ingest.intake.ApiProblem;
import io.streamdesk.ingest.intake.ConversationIds;
import io.streamdesk.ingest.intake.MessageIntake;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/conversations/{id}/events}: Server-Sent Events of one conversation: {@code chunk}
 * (a reply piece), {@code reply} (the final reply, with citations) and {@code handoff}. Each
 * event's id is an {@link EventCursor}; a client reconnecting with {@code Last-Event-ID} (or {@code
 * ?last_event_id=}) first gets what it missed. The response is written by the request's own virtual
 * thread, which blocks between events, so a stream costs no platform thread.
 */
@RestController
class EventsController {

  static final String EVENT_STREAM = "text/event-stream";

  private final ConversationEvents events;
  private final Duration heartbeat;

  EventsController(ConversationEvents events, IngestConfig config) {
    this.events = events;
    this.heartbeat = config.sseHeartbeat();
  }

  @Operation(
      summary = "Stream a conversation's replies (SSE)",
      description =
          "Events: chunk {messageId, seq, delta, final}, reply {messageId, text, action, intent,"
              + " confidence, citations[]}, handoff {messageId, reason, priority}. Resumable with"
              + " Last-Event-ID.")
  @GetMapping(path = "/v1/conversations/{id}/events", produces = EVENT_STREAM)
  void stream(
      @PathVariable("id") String conversationId,
      @Parameter(description = "Id of the last event received (sent by EventSource on reconnect)")
          @RequestHeader(name = "Last-Event-ID", required = false)
          String lastEventId,
      @Parameter(description = "Same as Last-Event-ID, for a first connection")
          @RequestParam(name = "last_event_id", required = false)
          String lastEventParam,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    String id = ConversationIds.require(conversationId, "the conversation id");
    MessageIntake.checkAccess(Requests.caller(request), id);
    Optional<EventCursor> resume = cursor(lastEventId != null ? lastEventId : lastEventParam);
    try (ConversationEvents.Subscription subscription = events.subscribe(id, resume)) {
      response.setStatus(200);
      response.setContentType(EVENT_STREAM);
      response.setCharacterEncoding("UTF-8");
      response.setHeader("Cache-Control", "no-cache, no-store");
      response.setHeader("X-Accel-Buffering", "no"); // proxies must not buffer the stream
      PrintWriter out = response.getWriter();
      out.write("retry: 2000\n\n");
      response.flushBuffer();
      pump(subscription, out, response);
    }
  }

  private void pump(
      ConversationEvents.Subscription subscription, PrintWriter out, HttpServletResponse response) {
    try {
      while (true) {
        Optional<StreamEvent> next = subscription.next(heartbeat);
        if (next.isPresent()) {
          StreamEvent e = next.get();
          out.write("id: " + subscription.cursor().format() + "\n");
          out.write("event: " + e.kind().eventName() + "\n");
          out.write("data: " + e.json() + "\n\n");
        } else {
          out.write(": keep-alive\n\n");
        }
        response.flushBuffer();
        if (out.checkError()) {
          return; // the client went away
        }
      }
    } catch (ConversationEvents.StreamEnded e) {
      // shutdown or a reader too slow: the client reconnects with its Last-Event-ID
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Optional<EventCursor> cursor(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(EventCursor.parse(id));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("invalid_last_event_id", "Last-Event-ID: " + e.getMessage());
    }
  }
}
