package io.streamdesk.ingest.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamdesk.ingest.auth.Caller;
import io.streamdesk.ingest.feed.ConversationHistory;
import io.streamdesk.ingest.feed.EventViews;
import io.streamdesk.ingest.intake.ApiProblem;
import io.streamdesk.ingest.intake.ConversationIds;
import io.streamdesk.ingest.intake.MessageIntake;
import io.streamdesk.ingest.intake.Submission;
import io.streamdesk.ingest.intake.SubmissionRules;
import io.streamdesk.ingest.sync.SyncQueries;
import io.streamdesk.schemas.events.HandoffRequested;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The source design's synchronous API, field for field (snake_case): {@code POST /api/query},
 * {@code POST /api/conversation}, {@code POST /api/history}. Health is in {@link OpsController}.
 */
@RestController
class SeedApiController {

  /** A question. */
  record QueryBody(
      @Schema(description = "Conversation id; omitted: a new conversation.", example = "c-42")
          @JsonProperty("conversation_id")
          String conversationId,
      @Schema(
              description = "The customer's question.",
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "How long does delivery take?")
          @JsonProperty("user_query")
          String userQuery,
      @Schema(description = "BCP 47 locale; default: Accept-Language.") String locale,
      @JsonProperty("customer_id") String customerId) {}

  /** A conversation to read. */
  record HistoryBody(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @JsonProperty("conversation_id")
          String conversationId) {}

  private final SyncQueries queries;
  private final ConversationHistory history;
  private final Optional<WebSessionCookies> cookies;
  private final Clock clock;

  SeedApiController(
      SyncQueries queries,
      ConversationHistory history,
      Optional<WebSessionCookies> cookies,
      Clock clock) {
    this.queries = queries;
    this.history = history;
    this.cookies = cookies;
    this.clock = clock;
  }

  @Operation(
      summary = "Ask and wait for the answer (synchronous)",
      description =
          "Publishes the question like POST /v1/messages, then waits for the pipeline's reply up"
              + " to ingest.sync.timeout.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The reply"),
        @ApiResponse(responseCode = "504", description = "No reply in time (message_id given)")
      })
  @PostMapping(
      path = "/api/query",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> query(
      @RequestBody QueryBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
      HttpServletRequest request) {
    if (body == null) {
      throw ApiProblem.badRequest("missing_body", "the request body must be a JSON object");
    }
    Submission question =
        new Submission(
            Optional.ofNullable(body.conversationId()),
            body.userQuery(),
            Optional.ofNullable(body.locale())
                .or(() -> SubmissionRules.localeFromAcceptLanguage(acceptLanguage)),
            Optional.ofNullable(body.customerId()),
            Map.of());
    SyncQueries.Answered answered =
        queries.ask(Requests.caller(request), question, Optional.ofNullable(idempotencyKey));
    ReplyGenerated reply = answered.reply();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("response", reply.getText());
    out.put("conversation_id", answered.accepted().conversationId());
    out.put("intent", reply.getIntent());
    out.put("confidence", reply.getConfidence());
    out.put("timestamp", reply.getGeneratedAt().toString());
    out.put("citations", snakeCitations(reply));
    out.put("action", reply.getAction().name());
    out.put("message_id", answered.accepted().messageId());
    return out;
  }

  @Operation(
      summary = "Start a conversation",
      description = "Returns a new conversation id (for a chat-page session, also its cookie).")
  @PostMapping(path = "/api/conversation", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> conversation(HttpServletRequest request, HttpServletResponse response) {
    Caller caller = Requests.caller(request);
    String id = ConversationIds.newId();
    if (caller.kind() == Caller.Kind.WEB_SESSION) {
      cookies.ifPresent(c -> c.bind(request, response, id));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("conversation_id", id);
    out.put("created_at", clock.instant().toString());
    return out;
  }

  @Operation(
      summary = "Turns of a conversation",
      description =
          "What this instance has read of the conversation (recent turns, bounded): customer and"
              + " assistant turns oldest first, with citations, and the handoff if there was one.")
  @PostMapping(
      path = "/api/history",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> history(@RequestBody HistoryBody body, HttpServletRequest request) {
    if (body == null || body.conversationId() == null) {
      throw ApiProblem.badRequest("missing_field", "conversation_id is required");
    }
    String id = ConversationIds.require(body.conversationId(), "conversation_id");
    MessageIntake.checkAccess(Requests.caller(request), id);
    Optional<ConversationHistory.Conversation> conversation = history.get(id);
    List<Map<String, Object>> turns =
        conversation
            .map(c -> c.turns().stream().map(SeedApiController::turn).toList())
            .orElse(List.of());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("conversation_id", id);
    out.put("history", turns);
    out.put(
        "handoff",
        conversation
            .flatMap(ConversationHistory.Conversation::handoff)
            .map(SeedApiController::handoff)
            .orElse(null));
    return out;
  }

  private static Map<String, Object> turn(ConversationHistory.Turn t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", t.role() == ConversationHistory.Role.USER ? "user" : "assistant");
    m.put("content", t.text());
    m.put("message_id", t.messageId());
    m.put("timestamp", t.at().toString());
    t.reply()
        .ifPresent(
            r -> {
              m.put("intent", r.getIntent());
              m.put("confidence", r.getConfidence());
              m.put("action", r.getAction().name());
              m.put("citations", snakeCitations(r));
            });
    return m;
  }

  private static Map<String, Object> handoff(HandoffRequested h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message_id", h.getMessageId());
    m.put("reason", h.getReason().name());
    m.put("priority", h.getPriority().name());
    m.put("requested_at", h.getRequestedAt().toString());
    return m;
  }

  private static List<Map<String, Object>> snakeCitations(ReplyGenerated reply) {
    return EventViews.citations(reply.getCitations()).stream()
        .map(
            c -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("title", c.get("title"));
              m.put("source", c.get("source"));
              m.put("document_id", c.get("documentId"));
              m.put("passage_id", c.get("passageId"));
              return m;
            })
        .toList();
  }
}
