package io.streamdesk.ingest.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamdesk.ingest.auth.Caller;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way a customer message enters Kafka, for every endpoint: validate, honour the
 * Idempotency-Key, rate-limit per caller and per conversation, publish to cs.messages.inbound and
 * wait for the broker's acknowledgement. Returns the {@link Accepted} result or throws an {@link
 * ApiProblem}.
 */
public final class MessageIntake {

  private final SubmissionRules rules;
  private final IdempotencyStore idempotency;
  private final RateLimits rateLimits;
  private final InboundPublisher publisher;
  private final Duration publishTimeout;
  private final Clock clock;
  private final Timer publishTimer;
  private final Counter published;
  private final PipelineMetrics pipeline;

  /** The connector's stage in {@code streamdesk.stage.messages} and {@code .latency}. */
  public static final String STAGE = "ingest";

  public MessageIntake(
      SubmissionRules rules,
      IdempotencyStore idempotency,
      RateLimits rateLimits,
      InboundPublisher publisher,
      Duration publishTimeout,
      Clock clock,
      MeterRegistry meters) {
    this.rules = rules;
    this.idempotency = idempotency;
    this.rateLimits = rateLimits;
    this.publisher = publisher;
    this.publishTimeout = publishTimeout;
    this.clock = clock;
    this.publishTimer =
        Timer.builder("streamdesk.ingest.publish")
            .description("Time from send to the broker's acknowledgement of an inbound message")
            .publishPercentileHistogram()
            .register(meters);
    this.published =
        Counter.builder("streamdesk.ingest.messages.published")
            .description("Customer messages acknowledged on the inbound topic")
            .register(meters);
    this.pipeline = new PipelineMetrics(meters, "ingest-connector");
  }

  public SubmissionRules rules() {
    return rules;
  }

  /**
   * Accepts one message from {@code caller}. Counted in {@code streamdesk.stage.messages} (stage
   * ingest) as accepted, rejected (a 4xx refusal) or failed (broker trouble); a replayed
   * Idempotency-Key is not a new message and is not counted.
   *
   * @param endpoint names the endpoint in the idempotency fingerprint (a key used on /v1/messages
   *     and /api/query is two different requests)
   * @param idempotencyKey the Idempotency-Key header, if any
   */
  public Accepted accept(
      Caller caller,
      Submission submission,
      Optional<String> idempotencyKey,
      String endpoint,
      String textField,
      String conversationField) {
    try {
      return acceptOrThrow(
          caller, submission, idempotencyKey, endpoint, textField, conversationField);
    } catch (ApiProblem problem) {
      pipeline.message(STAGE, problem.status() >= 500 ? "failed" : "rejected");
      throw problem;
    }
  }

  private Accepted acceptOrThrow(
      Caller caller,
      Submission submission,
      Optional<String> idempotencyKey,
      String endpoint,
      String textField,
      String conversationField) {
    rules.check(submission, textField, conversationField);
    submission.conversationId().ifPresent(id -> checkAccess(caller, id));
    if (idempotencyKey.isEmpty()) {
      Sending sending = send(caller, submission);
      awaitAck(sending);
      return sending.accepted();
    }
    IdempotencyStore.Claim claim =
        idempotency.claim(
            caller.principal(), idempotencyKey.get(), submission.fingerprint(endpoint));
    return switch (claim) {
      case IdempotencyStore.Claim.Repeat repeat -> await(repeat.result()).asReplay();
      case IdempotencyStore.Claim.First first -> {
        Sending sending;
        try {
          sending = send(caller, submission);
        } catch (ApiProblem problem) { // rejected before sending (rate limit): release the key
          idempotency.fail(first, problem);
          throw problem;
        }
        // The claim follows the broker's answer, even one that comes after this request gave up
        // waiting: a retry then gets the first result instead of publishing a second copy.
        sending
            .acked()
            .whenComplete(
                (metadata, error) -> {
                  if (error == null) {
                    idempotency.complete(first, sending.accepted());
                  } else {
                    idempotency.fail(first, error);
                  }
                });
        awaitAck(sending);
        yield sending.accepted();
      }
    };
  }

  /** A web session may only write to the conversation its cookie owns. */
  public static void checkAccess(Caller caller, String conversationId) {
    if (!caller.mayAccess(conversationId)) {
      throw ApiProblem.forbidden(
          "conversation_not_owned",
          "this chat session does not own conversation " + conversationId);
    }
  }

  /** A message handed to the producer, and the broker's answer to come. */
  private record Sending(Accepted accepted, CompletableFuture<?> acked, long startNanos) {}

  private Sending send(Caller caller, Submission submission) {
    String conversationId =
        submission.conversationId().or(caller::conversation).orElseGet(ConversationIds::newId);
    rateLimits.acquireMessage(caller.principal(), conversationId);
    Instant receivedAt = clock.instant();
    CustomerMessageReceived message =
        CustomerMessageReceived.newBuilder()
            .setMessageId(UUID.randomUUID().toString())
            .setConversationId(conversationId)
            .setChannel(caller.channel())
            .setCustomerId(submission.customerId().orElse(null))
            .setText(submission.text())
            .setLocale(submission.locale().orElse(null))
            .setReceivedAt(receivedAt)
            .setMetadata(submission.metadata())
            .build();
    long start = System.nanoTime();
    return new Sending(
        new Accepted(message.getMessageId(), conversationId, receivedAt, false),
        publisher.publish(message),
        start);
  }

  private void awaitAck(Sending sending) {
    try {
      sending.acked().get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw ApiProblem.unavailable(
          "publish_timeout",
          "the message broker did not acknowledge the message within "
              + publishTimeout.toMillis()
              + " ms",
          Duration.ofSeconds(1));
    } catch (ExecutionException e) {
      throw ApiProblem.unavailable(
          "publish_failed",
          "the message broker refused the message: " + e.getCause().getClass().getSimpleName(),
          Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiProblem.unavailable(
          "shutting_down", "the connector is shutting down", Duration.ofSeconds(1));
    }
    long took = System.nanoTime() - sending.startNanos();
    publishTimer.record(took, TimeUnit.NANOSECONDS);
    published.increment();
    pipeline.message(STAGE, "accepted");
    pipeline.latencyNanos(STAGE, took);
  }

  private Accepted await(CompletableFuture<Accepted> first) {
    try {
      return first.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw ApiProblem.unavailable(
          "idempotent_request_in_progress",
          "the first request with this Idempotency-Key is still waiting for the broker",
          Duration.ofSeconds(1));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiProblem problem) {
        throw problem;
      }
      throw ApiProblem.unavailable(
          "publish_failed", "the first request with this Idempotency-Key failed", Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiProblem.unavailable(
          "shutting_down", "the connector is shutting down", Duration.ofSeconds(1));
    }
  }
}
