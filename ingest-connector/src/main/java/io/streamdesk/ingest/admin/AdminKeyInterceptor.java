package io.streamdesk.ingest.admin;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bucket;
import io.streamdesk.ingest.intake.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards the operations API ({@code /admin/api/**}): the admin key must come in the {@value
 * #HEADER} header (the page keeps it in sessionStorage). No key configured: 404 admin_disabled;
 * missing or wrong key: 401; more than {@value #FAILURES_PER_MINUTE} wrong keys a minute from one
 * client address: 429. The key is never logged or echoed. Answers are never cached.
 */
public final class AdminKeyInterceptor implements HandlerInterceptor {

  /** The header carrying the admin key. */
  public static final String HEADER = "X-Admin-Key";

  static final int FAILURES_PER_MINUTE = 10;

  private final Optional<AdminKey> key;
  private final LoadingCache<String, Bucket> failures =
      Caffeine.newBuilder()
          .maximumSize(10_000)
          .expireAfterAccess(Duration.ofMinutes(2))
          .build(
              address ->
                  Bucket.builder()
                      .addLimit(
                          l ->
                              l.capacity(FAILURES_PER_MINUTE)
                                  .refillGreedy(FAILURES_PER_MINUTE, Duration.ofMinutes(1)))
                      .build());

  public AdminKeyInterceptor(Optional<AdminKey> key) {
    this.key = key;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    response.setHeader("Cache-Control", "no-store");
    if (key.isEmpty()) {
      throw ApiProblem.of(
          404,
          "admin_disabled",
          "Not found",
          "the operations API is off: set ingest.admin.key-hash (ingest-admin-key makes one)");
    }
    Bucket bucket = failures.get(request.getRemoteAddr());
    if (bucket.getAvailableTokens() <= 0) {
      throw ApiProblem.rateLimited("admin_key", Duration.ofMinutes(1));
    }
    String presented = request.getHeader(HEADER);
    if (presented == null || !key.get().matches(presented.strip())) {
      bucket.tryConsume(1);
      throw ApiProblem.unauthorized("send the admin key in the " + HEADER + " header");
    }
    return true;
  }
}
