package io.streamdesk.generation.worker;

import io.streamdesk.generation.guard.GuardSettings;
import io.streamdesk.generation.guard.OutputGuard;
import io.streamdesk.generation.guard.Redactor;
import io.streamdesk.generation.guard.Verdict;
import io.streamdesk.generation.llm.GenerationException;
import io.streamdesk.generation.llm.StreamListener;
import io.streamdesk.generation.llm.extractive.ExtractiveReplyGenerator;
import io.streamdesk.generation.llm.openai.OpenAiException;
import io.streamdesk.generation.reply.CannedReplies;
import io.streamdesk.generation.reply.Draft;
import io.streamdesk.generation.reply.ReplyGenerator;
import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.Passage;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one GenerateReply into its {@link Outcome}, streaming the reply's text as chunks on the
 * way:
 *
 * <ul>
 *   <li>a request that cannot be answered (no message id, conversation or channel) is a dead
 *       letter;
 *   <li>past its deadline, it gets the deadline reply (FALLBACK: extractive answer, else "not
 *       found"; or HANDOFF) instead of a generation, and a generation still running at the deadline
 *       is cancelled for it;
 *   <li>otherwise the backend drafts the reply, the {@link OutputGuard} masks it while it streams,
 *       then decides its action and replaces it when it is not grounded;
 *   <li>a failed generation is retried through the retry topic (attempt + 1, after a growing delay)
 *       unless the failure is permanent (prompt too long, 4xx); when retries are used up the
 *       customer still gets a FALLBACK reply, or the request becomes a dead letter, as configured.
 * </ul>
 *
 * <p>Runs on a virtual thread per request; an interrupt (rebalance, shutdown) cancels the
 * generation and abandons the request, which the partition's next owner redoes.
 */
final class RequestHandler {

  /** Timing keys this worker adds to ReplyGenerated.timings (milliseconds). */
  static final String QUEUE = "queue";

  static final String FIRST_TOKEN = "first_token";
  static final String GENERATION = "generation";
  static final String WORKER = "worker";

  private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

  private final ReplyGenerator generator;
  private final ExtractiveReplyGenerator extractive;
  private final OutputGuard guard;
  private final ChunkPublisher chunks;
  private final WorkerSettings settings;
  private final WorkerMetrics metrics;
  private final Clock clock;

  RequestHandler(
      ReplyGenerator generator,
      ExtractiveReplyGenerator extractive,
      OutputGuard guard,
      ChunkPublisher chunks,
      WorkerSettings settings,
      WorkerMetrics metrics,
      Clock clock) {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.extractive = Objects.requireNonNull(extractive, "extractive");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.chunks = Objects.requireNonNull(chunks, "chunks");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Handles {@code request}; never throws. */
  Outcome handle(GenerateReply request) {
    Instant start = clock.instant();
    String invalid = invalidReason(request);
    if (invalid != null) {
      return new Outcome.DeadLetter("INVALID_REQUEST", invalid, null);
    }
    metrics.queueWait(Duration.between(request.getRequestedAt(), start));
    if (!start.isBefore(request.getDeadline())) {
      metrics.deadlineExpired("queued");
      return deadlineReply(request, start, chunks.open(request));
    }
    ChunkPublisher.Stream stream = chunks.open(request);
    Redactor redactor = guard.redactor(request.getPassages());
    StreamListener listener =
        delta -> {
          String safe = redactor.accept(delta);
          if (!safe.isEmpty()) {
            stream.append(safe);
          }
        };
    CompletableFuture<Draft> running;
    try {
      running = generator.generate(request, listener);
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    Draft draft;
    try {
      long left = Duration.between(clock.instant(), request.getDeadline()).toMillis();
      draft = running.get(Math.max(0, left), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      metrics.deadlineExpired("generating");
      return deadlineReply(request, start, stream);
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      return new Outcome.Abandoned("interrupted");
    } catch (CancellationException e) {
      return new Outcome.Abandoned("cancelled");
    } catch (ExecutionException e) {
      return failed(request, e.getCause(), start, stream);
    }
    try {
      return answered(request, draft, redactor, stream, start);
    } catch (RuntimeException e) {
      // A bug in the guard or the reply builder: treat it like a failed generation.
      return failed(request, e, start, stream);
    }
  }

  private Outcome answered(
      GenerateReply request,
      Draft draft,
      Redactor redactor,
      ChunkPublisher.Stream stream,
      Instant start) {
    metrics.timeToFirstToken(draft.timeToFirstToken());
    metrics.generation(draft.total());
    String tail = redactor.finish();
    String text = redactor.text();
    redactor.rewrites().forEach((kind, count) -> metrics.guard(kind));
    Verdict verdict = guard.review(draft, text, request.getLanguage(), request.getPassages());
    Map<String, Long> timings = new HashMap<>();
    timings.put(FIRST_TOKEN, draft.timeToFirstToken().toMillis());
    timings.put(GENERATION, draft.total().toMillis());
    if (verdict.replace()) {
      metrics.guard("ungrounded");
      LOG.debug(
          "reply to {} not grounded (support {}): replaced by {}",
          request.getMessageId(),
          String.format("%.2f", verdict.support()),
          verdict.replacement());
      Reply replacement =
          verdict.replacement() == GuardSettings.UngroundedAction.HANDOFF
              ? handoff(request)
              : extractiveReply(request, ReplyAction.ANSWER);
      stream.restart(replacement.text());
      return reply(request, replacement, start, timings);
    }
    if (redactor.diverged()) {
      stream.restart(text);
    } else {
      stream.finish(tail);
    }
    List<Passage> cited = OutputGuard.citations(draft, redactor.citedNumbers());
    return reply(
        request,
        new Reply(text, verdict.action(), cited, draft.model(), draft.promptVersion()),
        start,
        timings);
  }

  private Outcome failed(
      GenerateReply request, Throwable error, Instant start, ChunkPublisher.Stream stream) {
    boolean permanent = isPermanent(error);
    metrics.failure(permanent ? "permanent" : "transient");
    int attempt = request.getAttempt();
    String reason = describe(error);
    if (!permanent && attempt < settings.retryAttempts()) {
      int next = attempt + 1;
      Instant due = clock.instant().plus(settings.retryDelay(next));
      LOG.info(
          "reply to {} failed (attempt {}): {}; retry {} of {} due {}",
          request.getMessageId(),
          attempt,
          reason,
          next,
          settings.retryAttempts(),
          due);
      GenerateReply retry = GenerateReply.newBuilder(request).setAttempt(next).build();
      return new Outcome.Retry(retry, due, reason);
    }
    LOG.warn(
        "reply to {} failed for good after {} attempt(s): {}",
        request.getMessageId(),
        attempt + 1,
        reason);
    if (settings.exhaustedAction() == WorkerSettings.ExhaustedAction.DLQ) {
      return new Outcome.DeadLetter("GENERATION_FAILED", reason, error);
    }
    Reply fallback = extractiveReply(request, ReplyAction.FALLBACK);
    stream.restart(fallback.text());
    return reply(request, fallback, start, Map.of());
  }

  private Outcome deadlineReply(
      GenerateReply request, Instant start, ChunkPublisher.Stream stream) {
    Reply reply =
        settings.deadlineAction() == WorkerSettings.DeadlineAction.HANDOFF
            ? handoff(request)
            : extractiveReply(request, ReplyAction.FALLBACK);
    stream.restart(reply.text());
    return reply(request, reply, start, Map.of());
  }

  /**
   * The extractive answer from the request's passages, with {@code action} when one was found, else
   * the "not found" sentence as FALLBACK.
   */
  private Reply extractiveReply(GenerateReply request, ReplyAction action) {
    Draft draft = extractive.draft(request, StreamListener.NONE);
    Redactor redactor = guard.redactor(request.getPassages());
    redactor.accept(draft.text());
    redactor.finish();
    ReplyAction chosen = draft.source() == Draft.Source.EXTRACTIVE ? action : ReplyAction.FALLBACK;
    return new Reply(redactor.text(), chosen, draft.cited(), draft.model(), null);
  }

  private static Reply handoff(GenerateReply request) {
    return new Reply(
        CannedReplies.handoff(request.getLanguage()),
        ReplyAction.HANDOFF,
        List.of(),
        CannedReplies.MODEL,
        null);
  }

  private Outcome reply(
      GenerateReply request, Reply reply, Instant start, Map<String, Long> workerTimings) {
    Instant now = clock.instant();
    Map<String, Long> timings = new HashMap<>(request.getTimings());
    timings.put(QUEUE, Math.max(0, Duration.between(request.getRequestedAt(), start).toMillis()));
    timings.putAll(workerTimings);
    timings.put(WORKER, Duration.between(start, now).toMillis());
    List<Citation> citations = new ArrayList<>(reply.cited().size());
    for (Passage p : reply.cited()) {
      citations.add(
          Citation.newBuilder()
              .setPassageId(p.getId())
              .setDocumentId(p.getDocumentId())
              .setTitle(p.getTitle())
              .setSource(p.getSource())
              .setKbVersion(p.getKbVersion())
              .build());
    }
    Long kbVersion = request.getKbVersion();
    if (kbVersion == null && !reply.cited().isEmpty()) {
      kbVersion = reply.cited().getFirst().getKbVersion();
    }
    ReplyGenerated generated =
        ReplyGenerated.newBuilder()
            .setReplyId(replyId(request.getMessageId()))
            .setInReplyTo(request.getMessageId())
            .setConversationId(request.getConversationId())
            .setChannel(request.getChannel())
            .setCustomerId(request.getCustomerId())
            .setLanguage(request.getLanguage())
            .setText(reply.text())
            .setAction(reply.action())
            .setCitations(citations)
            .setIntent(request.getIntent())
            .setConfidence(request.getConfidence())
            .setModel(reply.model())
            .setPromptVersion(reply.promptVersion())
            .setKbVersion(kbVersion)
            .setCached(false)
            .setReceivedAt(request.getReceivedAt())
            .setGeneratedAt(now)
            .setTimings(timings)
            .build();
    return new Outcome.Reply(generated);
  }

  /**
   * The reply's id, derived from the message id: a request redone after a takeover gets the same
   * id, which helps consumers that deduplicate.
   */
  static String replyId(String messageId) {
    return UUID.nameUUIDFromBytes(("reply:" + messageId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static String invalidReason(GenerateReply request) {
    List<String> missing = new ArrayList<>();
    if (request.getMessageId() == null || request.getMessageId().isBlank()) {
      missing.add("messageId");
    }
    if (request.getConversationId() == null || request.getConversationId().isBlank()) {
      missing.add("conversationId");
    }
    if (request.getChannel() == null || request.getChannel().isBlank()) {
      missing.add("channel");
    }
    return missing.isEmpty() ? null : "GenerateReply without " + String.join(", ", missing);
  }

  /** Failures that another attempt cannot fix. */
  static boolean isPermanent(Throwable error) {
    return error instanceof GenerationException.PromptTooLongException
        || error instanceof GenerationException.TemplateException
        || (error instanceof OpenAiException o && !o.transientFailure())
        || error instanceof IllegalArgumentException;
  }

  private static String describe(Throwable error) {
    return error == null
        ? "unknown failure"
        : error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  /** Text, action, citations and origin of a reply about to be written. */
  private record Reply(
      String text, ReplyAction action, List<Passage> cited, String model, String promptVersion) {}
}
