package io.streamdesk.generation.worker;

import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.time.Instant;

/**
 * How handling one GenerateReply ended; the worker turns it into records of the transaction that
 * also commits the request's offset.
 */
public sealed interface Outcome {

  /** The one reply, for cs.replies. */
  record Reply(ReplyGenerated reply) implements Outcome {}

  /** Try again later: {@code next} (attempt + 1) goes to the retry topic, due at {@code dueAt}. */
  record Retry(GenerateReply next, Instant dueAt, String reason) implements Outcome {}

  /**
   * Give up: a dead letter on cs.dlq. With an {@code error} it is a PROCESSING failure, without one
   * a BUSINESS failure named by {@code code}.
   */
  record DeadLetter(String code, String reason, Throwable error) implements Outcome {}

  /** Cancelled (rebalance, shutdown): nothing is written, the offset is not committed. */
  record Abandoned(String why) implements Outcome {}
}
