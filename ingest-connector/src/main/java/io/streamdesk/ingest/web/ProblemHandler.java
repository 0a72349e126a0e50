package io.streamdesk.ingest.web;

import io.streamdesk.ingest.intake.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Renders every refusal as RFC 9457 problem details: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance}, plus a stable {@code code} and problem-specific members; {@code
 * Retry-After} on 429 and 503. Request bodies and keys never appear in a response or a log.
 */
@RestControllerAdvice
class ProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Map<String, Object>> problem(ApiProblem p, HttpServletRequest request) {
    return render(p, request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    return render(ApiProblem.badRequest("malformed_json", describe(e)), request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return render(
        ApiProblem.of(
            415,
            "unsupported_media_type",
            "Unsupported media type",
            "send the body as Content-Type: application/json"),
        request);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Map<String, Object>> notAcceptable(
      HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
    return render(
        ApiProblem.of(
            406,
            "not_acceptable",
            "Not acceptable",
            "this endpoint answers " + e.getSupportedMediaTypes()),
        request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return render(
        ApiProblem.of(
            405,
            "method_not_allowed",
            "Method not allowed",
            request.getMethod() + " is not supported here; use " + e.getSupportedHttpMethods()),
        request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> argument(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return render(
        ApiProblem.badRequest("invalid_parameter", "parameter '" + e.getName() + "' is invalid"),
        request);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(
      NoResourceFoundException e, HttpServletRequest request) {
    return render(
        ApiProblem.of(404, "not_found", "Not found", "no resource at " + request.getRequestURI()),
        request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return render(
        ApiProblem.of(500, "internal_error", "Internal error", "an unexpected error occurred"),
        request);
  }

  static ResponseEntity<Map<String, Object>> render(ApiProblem p, HttpServletRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", ApiProblem.TYPE_PREFIX + p.code());
    body.put("title", p.title());
    body.put("status", p.status());
    body.put("detail", p.detail());
    body.put("instance", request.getRequestURI());
    body.put("code", p.code());
    body.putAll(p.extras());
    var response =
        ResponseEntity.status(p.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (p.retryAfter() != null) {
      response.header(
          HttpHeaders.RETRY_AFTER, Long.toString(ApiProblem.retryAfterSeconds(p.retryAfter())));
    }
    if (p.status() == 401) {
      String header =
          request.getRequestURI().startsWith("/admin/")
              ? io.streamdesk.ingest.admin.AdminKeyInterceptor.HEADER
              : CallerInterceptor.API_KEY_HEADER;
      response.header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + header + "\"");
    }
    return response.body(body);
  }

  /** Says what is wrong with the JSON without echoing it. */
  private static String describe(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof MismatchedInputException mismatch) {
      String path =
          mismatch.getPath().stream()
              .map(
                  r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
              .reduce((a, b) -> a + "." + b)
              .orElse("");
      return path.isEmpty()
          ? "the request body must be a JSON object"
          : "field '" + path + "' has the wrong type";
    }
    if (cause instanceof StreamReadException read && read.getLocation() != null) {
      return "the request body is not valid JSON (line "
          + read.getLocation().getLineNr()
          + ", column "
          + read.getLocation().getColumnNr()
          + ")";
    }
    if (cause instanceof JacksonException) {
      return "the request body is not valid JSON";
    }
    return "the request body is missing or not valid JSON";
  }
}
