package io.streamdesk.ingest.web;

import io.streamdesk.ingest.intake.ApiProblem;
import io.streamdesk.ingest.intake.ConversationIds;
import io.streamdesk.ingest.intake.RateLimits;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/web/conversations}: how the chat page gets its conversation. Same-origin only; no
 * API key. With {@code resume: true} and a valid cookie it keeps the cookie's conversation (200),
 * otherwise it starts a new one and sets the cookie that owns it (201), rate-limited per client
 * address.
 */
@RestController
class WebSessionController {

  /** Whether to keep the current conversation. */
  record SessionBody(Boolean resume) {}

  private final WebSessionCookies cookies;
  private final RateLimits rateLimits;

  WebSessionController(Optional<WebSessionCookies> cookies, RateLimits rateLimits) {
    this.cookies = cookies.orElse(null);
    this.rateLimits = rateLimits;
  }

  @Operation(
      summary = "Chat-page session",
      description =
          "Same-origin endpoint of the chat page: resumes the conversation its HttpOnly cookie owns"
              + " or starts a new one and sets the cookie.")
  @PostMapping(path = "/v1/web/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> start(
      @RequestBody(required = false) SessionBody body,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (cookies == null) {
      throw ApiProblem.of(404, "web_disabled", "Not found", "the chat page is disabled");
    }
    Requests.requireSameOrigin(request);
    boolean resume = body == null || body.resume() == null || body.resume();
    if (resume) {
      Optional<String> current = cookies.conversation(request);
      if (current.isPresent()) {
        return ResponseEntity.ok(answer(current.get(), true));
      }
    }
    rateLimits.acquireNewWebConversation(request.getRemoteAddr());
    String id = ConversationIds.newId();
    cookies.bind(request, response, id);
    return ResponseEntity.status(HttpStatus.CREATED).body(answer(id, false));
  }

  private static Map<String, Object> answer(String conversationId, boolean resumed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("conversationId", conversationId);
    out.put("resumed", resumed);
    return out;
  }
}
