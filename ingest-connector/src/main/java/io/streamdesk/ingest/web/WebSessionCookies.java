package io.streamdesk.ingest.web;

import io.streamdesk.ingest.auth.WebSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Writes and reads the chat page's session cookie: HttpOnly (scripts cannot read it), SameSite
 * Strict (never sent on cross-site requests), Secure over HTTPS or when configured, Path=/.
 */
final class WebSessionCookies {

  private final WebSessions sessions;
  private final boolean alwaysSecure;

  WebSessionCookies(WebSessions sessions, boolean alwaysSecure) {
    this.sessions = sessions;
    this.alwaysSecure = alwaysSecure;
  }

  /** Makes this browser the owner of {@code conversationId}. */
  void bind(HttpServletRequest request, HttpServletResponse response, String conversationId) {
    ResponseCookie cookie =
        ResponseCookie.from(WebSessions.COOKIE, sessions.issue(conversationId))
            .httpOnly(true)
            .secure(alwaysSecure || request.isSecure())
            .sameSite("Strict")
            .path("/")
            .maxAge(sessions.ttl())
            .build();
    response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
  }

  /** The conversation this browser's valid cookie owns. */
  Optional<String> conversation(HttpServletRequest request) {
    return CallerInterceptor.sessionCookie(request).flatMap(sessions::verify);
  }
}
