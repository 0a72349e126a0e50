package io.streamdesk.ingest.web;

import io.streamdesk.ingest.auth.Caller;
import io.streamdesk.ingest.intake.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;

/** Small helpers shared by the controllers and interceptors. */
final class Requests {

  /** Request attribute holding the authenticated {@link Caller}. */
  static final String CALLER = "io.streamdesk.ingest.caller";

  private Requests() {}

  static Caller caller(HttpServletRequest request) {
    Object caller = request.getAttribute(CALLER);
    if (caller instanceof Caller c) {
      return c;
    }
    throw ApiProblem.unauthorized("this endpoint needs an API key (X-API-Key header)");
  }

  /**
   * Refuses requests that a browser sent from another site: a cookie-authenticated request must
   * come from this origin (SameSite=Strict already keeps the cookie off cross-site requests; this
   * is the second lock).
   */
  static void requireSameOrigin(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw ApiProblem.forbidden(
          "cross_site_request", "chat-page requests must come from this site");
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return; // same-origin GETs carry no Origin; browsers always send one on cross-site POSTs
    }
    String host = request.getHeader("Host");
    String originHost;
    try {
      URI uri = URI.create(origin);
      originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      originHost = null;
    }
    if (host == null
        || originHost == null
        || !stripDefaultPort(host).equalsIgnoreCase(stripDefaultPort(originHost))) {
      throw ApiProblem.forbidden(
          "cross_site_request", "chat-page requests must come from this site");
    }
  }

  private static String stripDefaultPort(String host) {
    if (host.endsWith(":80")) {
      return host.substring(0, host.length() - 3);
    }
    if (host.endsWith(":443")) {
      return host.substring(0, host.length() - 4);
    }
    return host;
  }

  static Optional<String> header(HttpServletRequest request, String name) {
    return Optional.ofNullable(request.getHeader(name)).filter(v -> !v.isEmpty());
  }
}
