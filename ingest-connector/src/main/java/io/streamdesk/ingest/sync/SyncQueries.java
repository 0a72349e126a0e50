package io.streamdesk.ingest.sync;

import io.streamdesk.ingest.auth.Caller;
import io.streamdesk.ingest.feed.PendingReplies;
import io.streamdesk.ingest.intake.Accepted;
import io.streamdesk.ingest.intake.ApiProblem;
import io.streamdesk.ingest.intake.MessageIntake;
import io.streamdesk.ingest.intake.Submission;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The synchronous question-answer call: publishes the question like any message, then waits for the
 * ReplyGenerated whose {@code inReplyTo} is the new message's id, up to the configured timeout. The
 * request thread is a virtual thread, so waiting costs no platform thread.
 */
public final class SyncQueries {

  /**
   * A question and its reply.
   *
   * @param accepted the published question
   * @param reply the pipeline's reply to it
   */
  public record Answered(Accepted accepted, ReplyGenerated reply) {}

  private final MessageIntake intake;
  private final PendingReplies pending;
  private final Duration timeout;

  public SyncQueries(MessageIntake intake, PendingReplies pending, Duration timeout) {
    this.intake = intake;
    this.pending = pending;
    this.timeout = timeout;
  }

  /**
   * Publishes the question and waits for its reply.
   *
   * @throws ApiProblem 504 when no reply came in time (the body names the message id, so the client
   *     can still pick the reply up from the event stream or the history)
   */
  public Answered ask(Caller caller, Submission question, Optional<String> idempotencyKey) {
    long start = System.nanoTime();
    Accepted accepted =
        intake.accept(
            caller, question, idempotencyKey, "/api/query", "user_query", "conversation_id");
    // Expecting after publishing is safe: PendingReplies keeps recent replies, so one that was
    // read in between is still found.
    CompletableFuture<ReplyGenerated> reply = pending.expect(accepted.messageId());
    long left = timeout.toNanos() - (System.nanoTime() - start);
    try {
      return new Answered(accepted, reply.get(Math.max(0, left), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      Map<String, Object> ids = new LinkedHashMap<>();
      ids.put("message_id", accepted.messageId());
      ids.put("conversation_id", accepted.conversationId());
      ids.put("timeout_ms", timeout.toMillis());
      throw ApiProblem.of(
              504,
              "reply_timeout",
              "Reply timed out",
              "the question was accepted but no reply arrived within "
                  + timeout.toMillis()
                  + " ms; it may still arrive on the conversation's event stream")
          .with(ids);
    } catch (ExecutionException e) {
      throw ApiProblem.unavailable(
          "shutting_down", "the connector stopped waiting for replies", Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiProblem.unavailable(
          "shutting_down", "the connector is shutting down", Duration.ofSeconds(1));
    } finally {
      pending.forget(accepted.messageId());
    }
  }

  public Duration timeout() {
    return timeout;
  }
}
