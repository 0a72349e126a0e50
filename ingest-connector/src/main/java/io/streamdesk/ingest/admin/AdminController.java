package io.streamdesk.ingest.admin;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * The operations page: {@code GET /admin} serves the page (plain HTML, CSS and JS under {@code
 * static/admin/}), {@code GET /admin/api/summary} the last hour as {@link OpsSummary} JSON, behind
 * the admin key ({@link AdminKeyInterceptor}).
 */
@RestController
@Hidden
public class AdminController {

  private final OpsWindow window;

  public AdminController(OpsWindow window) {
    this.window = window;
  }

  @GetMapping({"/admin", "/admin/"})
  ModelAndView page() {
    return new ModelAndView("forward:/admin/index.html");
  }

  @GetMapping(path = "/admin/api/summary", produces = MediaType.APPLICATION_JSON_VALUE)
  OpsSummary summary() {
    return window.summary();
  }
}
