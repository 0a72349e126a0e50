package io.streamdesk.runtime.dlq;

import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ProcessingFailed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Decides what a dead letter holds: stage, kind, source coordinates, exception class and message,
 * truncated stack, raw key and value, and the message and conversation ids when they can be read
 * (from the deserialized value, else the conversation id from the UTF-8 key).
 */
public final class ProcessingFailures {

  /** Stack traces are cut to this many characters; the top frames say what matters. */
  public static final int MAX_STACK_CHARS = 8_000;

  /** Exception messages are cut to this many characters. */
  public static final int MAX_MESSAGE_CHARS = 2_000;

  private final String stage;

  public ProcessingFailures(String stage) {
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  public String stage() {
    return stage;
  }

  /**
   * A dead letter for an infrastructure error (deserialization, processing, production).
   *
   * @param source where the failed record came from (any part may be unknown)
   * @param rawKey the failed record's key bytes, or null
   * @param rawValue the failed record's value bytes, or null
   * @param value the deserialized value when there is one (for its ids), or null
   * @param error what went wrong
   * @param failedAt when
   */
  public ProcessingFailed failure(
      FailureKind kind,
      Source source,
      byte[] rawKey,
      byte[] rawValue,
      Object value,
      Throwable error,
      Instant failedAt) {
    return builder(kind, source, rawKey, rawValue, value, failedAt)
        .setExceptionClass(error.getClass().getName())
        .setExceptionMessage(truncate(String.valueOf(error.getMessage()), MAX_MESSAGE_CHARS))
        .setStackTrace(truncate(stackTrace(error), MAX_STACK_CHARS))
        .build();
  }

  /**
   * A dead letter for a business failure ({@link Outcome.Dlq}): {@code code} names it and becomes
   * the exceptionClass, {@code reason} explains it; there is no stack.
   */
  public ProcessingFailed businessFailure(
      Source source,
      byte[] rawKey,
      byte[] rawValue,
      Object value,
      String code,
      String reason,
      Instant failedAt) {
    return builder(FailureKind.BUSINESS, source, rawKey, rawValue, value, failedAt)
        .setExceptionClass(code)
        .setExceptionMessage(truncate(reason, MAX_MESSAGE_CHARS))
        .setStackTrace("")
        .build();
  }

  private ProcessingFailed.Builder builder(
      FailureKind kind,
      Source source,
      byte[] rawKey,
      byte[] rawValue,
      Object value,
      Instant failedAt) {
    String conversationId = field(value, "conversationId");
    if (conversationId == null) {
      conversationId = utf8(rawKey);
    }
    String messageId = field(value, "messageId");
    if (messageId == null) {
      messageId = field(value, "inReplyTo");
    }
    return ProcessingFailed.newBuilder()
        .setStage(stage)
        .setKind(kind)
        .setSourceTopic(source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(source.offset())
        .setMessageId(messageId)
        .setConversationId(conversationId)
        .setRawKey(rawKey == null ? null : ByteBuffer.wrap(rawKey))
        .setRawValue(rawValue == null ? null : ByteBuffer.wrap(rawValue))
        .setFailedAt(failedAt);
  }

  /**
   * Where a failed record was read.
   *
   * @param topic source topic, null when unknown (e.g. a punctuation)
   * @param partition source partition, null when unknown
   * @param offset source offset, null when unknown
   */
  public record Source(String topic, Integer partition, Long offset) {

    /** From Kafka's conventions: a null topic or a negative partition or offset is unknown. */
    public static Source of(String topic, int partition, long offset) {
      return new Source(
          topic, partition < 0 ? null : partition, offset < 0 ? null : Long.valueOf(offset));
    }

    public static Source unknown() {
      return new Source(null, null, null);
    }
  }

  /** A string field of an Avro record, or null when absent or unreadable. */
  static String field(Object value, String name) {
    if (!(value instanceof IndexedRecord record)) {
      return null;
    }
    Schema.Field field = record.getSchema().getField(name);
    if (field == null) {
      return null;
    }
    Object v = record.get(field.pos());
    return v == null ? null : v.toString();
  }

  /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
  static String utf8(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  static String truncate(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max) + "... (truncated)";
  }
}
