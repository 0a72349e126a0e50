package io.streamdesk.generation.llm.extractive;

import io.streamdesk.generation.llm.StreamListener;
import io.streamdesk.generation.reply.CannedReplies;
import io.streamdesk.generation.reply.Draft;
import io.streamdesk.generation.reply.ReplyGenerator;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.ReplyAction;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-free backend ({@code generation.backend=extractive}, the demo default): the reply is an
 * {@link ExtractiveAnswerer} answer, streamed sentence by sentence so a UI behaves as with a model;
 * when no passage answers, the canned "not found, shall I get a human agent?" sentence (FALLBACK).
 */
public final class ExtractiveReplyGenerator implements ReplyGenerator {

  /** Recorded as the model of extractive replies. */
  public static final String MODEL = "extractive";

  private static final Logger LOG = LoggerFactory.getLogger(ExtractiveReplyGenerator.class);

  private final ExtractiveAnswerer answerer;

  public ExtractiveReplyGenerator(ExtractiveAnswerer answerer) {
    this.answerer = Objects.requireNonNull(answerer, "answerer");
  }

  @Override
  public CompletableFuture<Draft> generate(GenerateReply request, StreamListener listener) {
    try {
      return CompletableFuture.completedFuture(draft(request, listener));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The draft at once, on the caller's thread; deltas go to {@code listener} first. */
  public Draft draft(GenerateReply request, StreamListener listener) {
    long start = System.nanoTime();
    ExtractiveAnswer answer = answerer.answer(request);
    List<String> pieces =
        answer.found() ? answer.pieces() : List.of(CannedReplies.noAnswer(request.getLanguage()));
    Duration firstPiece = Duration.ofNanos(System.nanoTime() - start);
    for (String piece : pieces) {
      emit(listener, piece);
    }
    return new Draft(
        String.join("", pieces),
        answer.found() ? Draft.Source.EXTRACTIVE : Draft.Source.TEMPLATE,
        List.of(),
        answer.cited(),
        answer.found() ? ReplyAction.ANSWER : ReplyAction.FALLBACK,
        answer.found() ? MODEL : CannedReplies.MODEL,
        null,
        firstPiece,
        Duration.ofNanos(System.nanoTime() - start),
        0,
        0);
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public void close() {
    // Nothing held.
  }

  private static void emit(StreamListener listener, String piece) {
    try {
      listener.onDelta(piece);
    } catch (RuntimeException e) {
      LOG.warn("stream listener failed: {}", e.toString());
    }
  }
}
