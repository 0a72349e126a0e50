package io.streamdesk.runtime.dlq;

import io.streamdesk.schemas.events.HandoffReason;
import java.util.Objects;
import java.util.function.Function;

/**
 * The result of a business step: a value, a record to park in the dead-letter topic, or a
 * conversation to hand to a human. Topologies return it from a step and split on it ({@code
 * split().branch(Outcome::isOk...)}), so business failures travel as data instead of exceptions.
 * Exceptions stay for infrastructure errors, which the Streams handlers send to the DLQ.
 */
public sealed interface Outcome<T> {

  /** The step succeeded. */
  record Ok<T>(T value) implements Outcome<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The record cannot be processed and no human can help: park it.
   *
   * @param code short stable name of the failure, e.g. EMPTY_TEXT (becomes exceptionClass)
   * @param reason what went wrong, for whoever reads the DLQ
   * @param subject the record that failed (its messageId goes into the dead letter), or null
   */
  record Dlq<T>(String code, String reason, Object subject) implements Outcome<T> {
    public Dlq {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }

    public Dlq(String code, String reason) {
      this(code, reason, null);
    }
  }

  /**
   * A human agent should take over.
   *
   * @param reason structured reason, as on HandoffRequested
   * @param detail free text for the agent
   */
  record Handoff<T>(HandoffReason reason, String detail) implements Outcome<T> {
    public Handoff {
      Objects.requireNonNull(reason, "reason");
      detail = detail == null ? "" : detail;
    }
  }

  static <T> Outcome<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Outcome<T> dlq(String code, String reason) {
    return new Dlq<>(code, reason);
  }

  /** A Dlq naming the record that failed, so the dead letter carries its messageId. */
  static <T> Outcome<T> dlq(String code, String reason, Object subject) {
    return new Dlq<>(code, reason, subject);
  }

  static <T> Outcome<T> handoff(HandoffReason reason, String detail) {
    return new Handoff<>(reason, detail);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  default boolean isDlq() {
    return this instanceof Dlq;
  }

  default boolean isHandoff() {
    return this instanceof Handoff;
  }

  /** The value of an Ok. */
  default T value() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new IllegalStateException("not Ok: " + this);
  }

  /** Maps an Ok's value; Dlq and Handoff pass through unchanged. */
  @SuppressWarnings("unchecked")
  default <R> Outcome<R> map(Function<? super T, ? extends R> mapper) {
    return switch (this) {
      case Ok<T> ok -> new Ok<>(mapper.apply(ok.value()));
      case Dlq<T> d -> (Outcome<R>) d;
      case Handoff<T> h -> (Outcome<R>) h;
    };
  }

  /** Chains a step that may fail; Dlq and Handoff pass through unchanged. */
  @SuppressWarnings("unchecked")
  default <R> Outcome<R> flatMap(Function<? super T, Outcome<R>> step) {
    return switch (this) {
      case Ok<T> ok -> step.apply(ok.value());
      case Dlq<T> d -> (Outcome<R>) d;
      case Handoff<T> h -> (Outcome<R>) h;
    };
  }
}
