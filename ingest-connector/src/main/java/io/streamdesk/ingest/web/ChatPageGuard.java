package io.streamdesk.ingest.web;

import io.streamdesk.ingest.intake.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Serves the chat page's files with a strict Content-Security-Policy (own scripts, styles and
 * connections only; no framing), or hides them when the page is disabled.
 */
final class ChatPageGuard implements HandlerInterceptor {

  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final boolean enabled;

  ChatPageGuard(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    if (!enabled) {
      throw ApiProblem.of(404, "web_disabled", "Not found", "the chat page is disabled");
    }
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    return true;
  }
}
