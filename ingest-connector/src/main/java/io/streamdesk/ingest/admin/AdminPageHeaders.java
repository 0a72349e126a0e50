package io.streamdesk.ingest.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Serves the operations page's files with a strict Content-Security-Policy (own scripts, styles and
 * connections only; no framing) and no caching of the page itself.
 */
public final class AdminPageHeaders implements HandlerInterceptor {

  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
    return true;
  }
}
