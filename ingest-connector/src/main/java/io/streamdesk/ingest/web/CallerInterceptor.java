package io.streamdesk.ingest.web;

import io.streamdesk.ingest.auth.ApiKeys;
import io.streamdesk.ingest.auth.Caller;
import io.streamdesk.ingest.auth.WebSessions;
import io.streamdesk.ingest.intake.ApiProblem;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates API requests: an API key ({@code X-API-Key} header, or {@code Authorization:
 * Bearer}) makes the caller that key's channel; without a key, a valid chat-page session cookie
 * makes it a web session bound to one conversation (same-origin requests only). Anything else is a
 * 401. A presented but wrong key is a 401 even when a cookie is present.
 */
final class CallerInterceptor implements HandlerInterceptor {

  static final String API_KEY_HEADER = "X-API-Key";

  private final ApiKeys apiKeys;
  private final Optional<WebSessions> webSessions;
  private final String webChannel;

  CallerInterceptor(ApiKeys apiKeys, Optional<WebSessions> webSessions, String webChannel) {
    this.apiKeys = apiKeys;
    this.webSessions = webSessions;
    this.webChannel = webChannel;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    Optional<String> key = presentedKey(request);
    if (key.isPresent()) {
      Caller caller =
          apiKeys
              .authenticate(key.get())
              .orElseThrow(() -> ApiProblem.unauthorized("the API key is not valid"));
      request.setAttribute(Requests.CALLER, caller);
      return true;
    }
    Optional<String> conversation =
        webSessions.flatMap(sessions -> sessionCookie(request).flatMap(sessions::verify));
    if (conversation.isPresent()) {
      Requests.requireSameOrigin(request);
      request.setAttribute(Requests.CALLER, Caller.webSession(webChannel, conversation.get()));
      return true;
    }
    throw ApiProblem.unauthorized(
        "send an API key in the X-API-Key header (or Authorization: Bearer KEY)");
  }

  private static Optional<String> presentedKey(HttpServletRequest request) {
    String header = request.getHeader(API_KEY_HEADER);
    if (header != null) {
      return Optional.of(header.strip());
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(authorization.substring(7).strip());
    }
    return Optional.empty();
  }

  static Optional<String> sessionCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (WebSessions.COOKIE.equals(cookie.getName())) {
        return Optional.of(cookie.getValue());
      }
    }
    return Optional.empty();
  }
}
