package io.streamdesk.ingest.web;

import io.streamdesk.ingest.intake.Accepted;
import io.streamdesk.ingest.intake.ApiProblem;
import io.streamdesk.ingest.intake.MessageIntake;
import io.streamdesk.ingest.intake.Submission;
import io.streamdesk.ingest.intake.SubmissionRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/messages}: the asynchronous intake; replies come on the event stream. */
@RestController
class MessagesController {

  /** A customer message. */
  @Schema(description = "A customer message for the pipeline.")
  record MessageBody(
      @Schema(
              description =
                  "Conversation id (1-64 of A-Z a-z 0-9 _ -); omitted: a new conversation starts.",
              example = "c-42")
          String conversationId,
      @Schema(
              description = "Message text, at most ingest.text.max-chars characters.",
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "Where is my order?")
          String text,
      @Schema(
              description = "BCP 47 locale; default: the Accept-Language header.",
              example = "en-US")
          String locale,
      @Schema(description = "Customer id in the channel's system.") String customerId,
      @Schema(description = "Channel attributes (at most 32 string entries).")
          Map<String, String> metadata) {}

  /** The answer to an accepted message. */
  @Schema(description = "The message is on cs.messages.inbound; its reply follows on the stream.")
  record AcceptedBody(String messageId, String conversationId, String receivedAt) {}

  private final MessageIntake intake;

  MessagesController(MessageIntake intake) {
    this.intake = intake;
  }

  @Operation(
      summary = "Send a customer message (asynchronous)",
      description =
          "Validates the message and publishes a CustomerMessageReceived keyed by conversationId,"
              + " answering once the broker acknowledged it (acks=all). Follow the reply on"
              + " GET /v1/conversations/{id}/events.",
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted and durable"),
        @ApiResponse(responseCode = "400", description = "Malformed JSON, missing field, bad id"),
        @ApiResponse(responseCode = "401", description = "Missing or invalid API key"),
        @ApiResponse(responseCode = "413", description = "Text longer than the limit"),
        @ApiResponse(
            responseCode = "422",
            description = "Idempotency-Key reused with another body"),
        @ApiResponse(responseCode = "429", description = "Rate limit (see Retry-After)"),
        @ApiResponse(responseCode = "503", description = "Broker did not acknowledge in time")
      })
  @PostMapping(
      path = "/v1/messages",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<AcceptedBody> send(
      @RequestBody MessageBody body,
      @Parameter(description = "Repeats with the same key return the first result")
          @RequestHeader(name = "Idempotency-Key", required = false)
          String idempotencyKey,
      @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
      HttpServletRequest request) {
    if (body == null) {
      throw ApiProblem.badRequest("missing_body", "the request body must be a JSON object");
    }
    Submission submission =
        new Submission(
            Optional.ofNullable(body.conversationId()),
            body.text(),
            Optional.ofNullable(body.locale())
                .or(() -> SubmissionRules.localeFromAcceptLanguage(acceptLanguage)),
            Optional.ofNullable(body.customerId()),
            body.metadata());
    Accepted accepted =
        intake.accept(
            Requests.caller(request),
            submission,
            Optional.ofNullable(idempotencyKey),
            "/v1/messages",
            "text",
            "conversationId");
    var response = ResponseEntity.status(HttpStatus.ACCEPTED);
    if (accepted.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.body(
        new AcceptedBody(
            accepted.messageId(), accepted.conversationId(), accepted.receivedAt().toString()));
  }
}
