package io.streamdesk.ingest.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamdesk.ingest.IngestConfig;
import io.streamdesk.ingest.admin.AdminController;
import io.streamdesk.ingest.admin.AdminKey;
import io.streamdesk.ingest.admin.AdminKeyInterceptor;
import io.streamdesk.ingest.admin.AdminPageHeaders;
import io.streamdesk.ingest.auth.ApiKeys;
import io.streamdesk.ingest.auth.WebSessions;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The connector's Spring MVC application. Started by {@link
 * io.streamdesk.ingest.IngestConnectorService}, which registers the non-web components (intake,
 * feeds, views) as beans before refresh; no component scanning, every controller is listed here.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({
  MessagesController.class,
  SeedApiController.class,
  EventsController.class,
  WebSessionController.class,
  OpsController.class,
  AdminController.class,
  ProblemHandler.class
})
public class IngestWebConfiguration implements WebMvcConfigurer {

  private final IngestConfig config;
  private final ApiKeys apiKeys;
  private final Optional<WebSessions> webSessions;
  private final MeterRegistry meters;
  private final Optional<AdminKey> adminKey;

  IngestWebConfiguration(
      IngestConfig config,
      ApiKeys apiKeys,
      Optional<WebSessions> webSessions,
      MeterRegistry meters,
      Optional<AdminKey> adminKey) {
    this.config = config;
    this.apiKeys = apiKeys;
    this.webSessions = webSessions;
    this.meters = meters;
    this.adminKey = adminKey;
  }

  /** The session cookie writer; absent (a null bean) when the chat page is disabled. */
  @Bean
  WebSessionCookies webSessionCookies() {
    return webSessions.map(s -> new WebSessionCookies(s, config.webCookieSecure())).orElse(null);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(new RequestMetrics(meters, config.maxRequestBytes()))
        .addPathPatterns("/v1/**", "/api/**", "/admin/api/**");
    registry
        .addInterceptor(new CallerInterceptor(apiKeys, webSessions, config.webChannel()))
        .addPathPatterns(
            "/v1/messages",
            "/v1/conversations/**",
            "/api/query",
            "/api/conversation",
            "/api/history");
    registry
        .addInterceptor(new ChatPageGuard(config.webEnabled()))
        .addPathPatterns("/", "/index.html", "/chat/**");
    registry.addInterceptor(new AdminPageHeaders()).addPathPatterns("/admin", "/admin/**");
    registry.addInterceptor(new AdminKeyInterceptor(adminKey)).addPathPatterns("/admin/api/**");
  }

  /**
   * Every error response of the API is a problem document: the schema is declared once and each
   * operation's 4xx/5xx responses (and its default response) point at it.
   */
  @Bean
  OpenApiCustomizer problemResponses() {
    return openApi -> {
      Schema<?> problem =
          new ObjectSchema()
              .description("RFC 9457 problem details")
              .addProperty(
                  "type", new StringSchema().example("urn:streamdesk:problem:text_too_long"))
              .addProperty("title", new StringSchema())
              .addProperty("status", new IntegerSchema())
              .addProperty("detail", new StringSchema())
              .addProperty("instance", new StringSchema())
              .addProperty("code", new StringSchema().example("text_too_long"));
      openApi.getComponents().addSchemas("Problem", problem);
      Content content =
          new Content()
              .addMediaType(
                  "application/problem+json",
                  new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
      openApi
          .getPaths()
          .values()
          .forEach(
              path ->
                  path.readOperations()
                      .forEach(
                          op -> {
                            op.getResponses()
                                .forEach(
                                    (status, response) -> {
                                      if (status.startsWith("4") || status.startsWith("5")) {
                                        response.setContent(content);
                                      }
                                    });
                            op.getResponses()
                                .addApiResponse(
                                    "default",
                                    new ApiResponse().description("Problem").content(content));
                          }));
    };
  }

  @Bean
  OpenAPI streamDeskOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("StreamDesk ingest connector")
                .version("v1")
                .description(
                    "Customer messages in (asynchronous /v1/messages, synchronous /api/query),"
                        + " replies out (Server-Sent Events). Errors are RFC 9457 problem details."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "apiKey",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name(CallerInterceptor.API_KEY_HEADER))
                .addSecuritySchemes(
                    "chatSession",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name(WebSessions.COOKIE)))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"))
        .addSecurityItem(new SecurityRequirement().addList("chatSession"));
  }
}
