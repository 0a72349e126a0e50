package io.streamdesk.generation.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.generation.guard.GuardSettings;
import io.streamdesk.generation.guard.OutputGuard;
import io.streamdesk.generation.llm.GenerationException;
import io.streamdesk.generation.llm.extractive.ExtractiveAnswerer;
import io.streamdesk.generation.llm.extractive.ExtractiveReplyGenerator;
import io.streamdesk.generation.llm.extractive.ExtractiveSettings;
import io.streamdesk.generation.llm.openai.OpenAiException;
import io.streamdesk.generation.testing.Kb;
import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyChunk;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RequestHandlerTest {

  private final MockProducer<String, ReplyChunk> chunkProducer =
      new MockProducer<>(true, null, (t, k) -> new byte[0], (t, v) -> new byte[0]);
  private final ScriptedGenerator model = new ScriptedGenerator();
  private WorkerSettings settings =
      WorkerSettings.defaults()
          .withRetry(2, Duration.ofSeconds(2), WorkerSettings.ExhaustedAction.FALLBACK);

  @Test
  void shouldWriteAGroundedAnswerWithCitationsVersionsAndMergedTimings() {
    // Given a model that answers from passage [1]
    model.answer("You can return any item within 30 days of delivery for a full refund [1].");
    GenerateReply request =
        Kb.englishReturnsQuestion().setTimings(Map.of("intent", 15L, "retrieval", 40L)).build();

    // When
    ReplyGenerated reply = reply(handler().handle(request));

    // Then the reply is the answer without the marker, citing passage [1], with every version
    assertThat(reply.getText())
        .isEqualTo("You can return any item within 30 days of delivery for a full refund.");
    assertThat(reply.getAction()).isEqualTo(ReplyAction.ANSWER);
    assertThat(reply.getCitations())
        .extracting(Citation::getPassageId)
        .containsExactly("returns-1");
    assertThat(reply.getModel()).isEqualTo("onnx:scripted");
    assertThat(reply.getPromptVersion()).isEqualTo("cs-prompt-v1");
    assertThat(reply.getKbVersion()).isEqualTo(7L);
    assertThat(reply.getInReplyTo()).isEqualTo(request.getMessageId());
    assertThat(reply.getReplyId()).isEqualTo(RequestHandler.replyId(request.getMessageId()));
    // and the request's timings plus the worker's own
    assertThat(reply.getTimings())
        .containsEntry("intent", 15L)
        .containsEntry("retrieval", 40L)
        .containsEntry("first_token", 12L)
        .containsEntry("generation", 340L)
        .containsKeys("queue", "worker");
  }

  @Test
  void shouldStreamChunksThatConcatenateToTheReplyText() {
    model.answer("Refunds go back to the original payment method within 5 business days [1].");

    ReplyGenerated reply = reply(handler().handle(Kb.englishReturnsQuestion().build()));

    List<ReplyChunk> chunks = chunks();
    assertThat(chunks).hasSizeGreaterThan(2);
    assertThat(chunks).extracting(ReplyChunk::getSeq).isSorted().startsWith(0);
    assertThat(chunks.getLast().getFinal$()).isTrue();
    assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(ReplyChunk::getFinal$);
    assertThat(chunks.stream().map(ReplyChunk::getDelta).collect(Collectors.joining()))
        .isEqualTo(reply.getText());
  }

  @Test
  void shouldAnswerAnExpiredRequestWithTheFallbackWithoutGenerating() {
    // Given a request whose deadline has passed
    GenerateReply request =
        Kb.englishReturnsQuestion().setDeadline(Instant.now().minusSeconds(1)).build();

    // When
    ReplyGenerated reply = reply(handler().handle(request));

    // Then the extractive answer is the FALLBACK reply and the model was never asked
    assertThat(reply.getAction()).isEqualTo(ReplyAction.FALLBACK);
    assertThat(reply.getModel()).isEqualTo("extractive");
    assertThat(reply.getText()).contains("return any item within 30 days");
    assertThat(model.calls).isEmpty();
    assertThat(chunks()).singleElement().satisfies(c -> assertThat(c.getFinal$()).isTrue());
  }

  @Test
  void shouldHandAnExpiredRequestOffWhenConfigured() {
    settings = settings.withDeadlineAction(WorkerSettings.DeadlineAction.HANDOFF);
    GenerateReply request =
        Kb.chineseWarrantyQuestion().setDeadline(Instant.now().minusSeconds(1)).build();

    ReplyGenerated reply = reply(handler().handle(request));

    assertThat(reply.getAction()).isEqualTo(ReplyAction.HANDOFF);
    assertThat(reply.getText()).contains("人工客服");
  }

  @Test
  void shouldCancelAGenerationThatRunsPastTheDeadline() {
    // Given a model that never finishes and a request due in 300 ms
    model.hang();
    GenerateReply request =
        Kb.englishReturnsQuestion().setDeadline(Instant.now().plusMillis(300)).build();

    // When
    ReplyGenerated reply = reply(handler().handle(request));

    // Then the generation is cancelled and the deadline reply written instead
    assertThat(model.calls).singleElement().satisfies(f -> assertThat(f).isCancelled());
    assertThat(reply.getAction()).isEqualTo(ReplyAction.FALLBACK);
  }

  @Test
  void shouldRetryAFailedGenerationAsTheNextAttempt() {
    model.fail(new GenerationException.OverloadedException("m-1", 256));
    Instant before = Instant.now();

    Outcome outcome = handler().handle(Kb.englishReturnsQuestion().build());

    assertThat(outcome).isInstanceOf(Outcome.Retry.class);
    Outcome.Retry retry = (Outcome.Retry) outcome;
    assertThat(retry.next().getAttempt()).isEqualTo(1);
    assertThat(retry.dueAt()).isAfterOrEqualTo(before.plusSeconds(2));
    assertThat(retry.reason()).contains("OverloadedException");
  }

  @Test
  void shouldAnswerWithAFallbackWhenTheRetriesAreUsedUp() {
    model.fail(new OpenAiException("m-1", "HTTP 503", 503, true, null));
    GenerateReply lastAttempt = Kb.englishReturnsQuestion().setAttempt(2).build();

    ReplyGenerated reply = reply(handler().handle(lastAttempt));

    assertThat(reply.getAction()).isEqualTo(ReplyAction.FALLBACK);
    assertThat(reply.getText()).contains("30 days");
  }

  @Test
  void shouldDeadLetterWhenTheRetriesAreUsedUpAndTheDlqIsChosen() {
    settings = settings.withRetry(2, Duration.ofSeconds(2), WorkerSettings.ExhaustedAction.DLQ);
    model.fail(new OpenAiException("m-1", "HTTP 503", 503, true, null));

    Outcome outcome = handler().handle(Kb.englishReturnsQuestion().setAttempt(2).build());

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.DeadLetter.class,
            d -> {
              assertThat(d.code()).isEqualTo("GENERATION_FAILED");
              assertThat(d.reason()).contains("HTTP 503");
            });
  }

  @Test
  void shouldNotRetryAFailureAnotherAttemptCannotFix() {
    model.fail(new GenerationException.PromptTooLongException("m-1", 5000, 2048));

    Outcome outcome = handler().handle(Kb.englishReturnsQuestion().build());

    assertThat(reply(outcome).getAction()).isEqualTo(ReplyAction.FALLBACK);
  }

  @Test
  void shouldReplaceAnUngroundedAnswerAndRestartTheStream() {
    // Given a model that invents a policy
    model.answer("Premium members enjoy free lifetime upgrades on every laptop we sell.");

    // When
    ReplyGenerated reply = reply(handler().handle(Kb.englishReturnsQuestion().build()));

    // Then the extractive answer replaces it, citing its passage, and the stream starts over
    assertThat(reply.getText()).startsWith("You can return any item within 30 days");
    assertThat(reply.getModel()).isEqualTo("extractive");
    assertThat(reply.getCitations())
        .extracting(Citation::getPassageId)
        .containsExactly("returns-1");
    List<ReplyChunk> chunks = chunks();
    ReplyChunk last = chunks.getLast();
    assertThat(last.getSeq()).isZero();
    assertThat(last.getFinal$()).isTrue();
    assertThat(last.getDelta()).isEqualTo(reply.getText());
  }

  @Test
  void shouldMaskPersonalDataTheModelWrites() {
    model.answer("Returns within 30 days; call Wang on 13912345678 for a refund [1].");

    ReplyGenerated reply = reply(handler().handle(Kb.englishReturnsQuestion().build()));

    assertThat(reply.getText()).contains("[PHONE]").doesNotContain("13912345678");
    assertThat(chunks().stream().map(ReplyChunk::getDelta).collect(Collectors.joining()))
        .doesNotContain("13912345678");
  }

  @Test
  void shouldDeadLetterARequestThatCannotBeAnswered() {
    Outcome outcome = handler().handle(Kb.englishReturnsQuestion().setMessageId(" ").build());

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.DeadLetter.class, d -> assertThat(d.code()).isEqualTo("INVALID_REQUEST"));
  }

  private RequestHandler handler() {
    WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry(), "test", () -> 0);
    ChunkPublisher chunks =
        new ChunkPublisher(chunkProducer, "cs.replies.chunks", Clock.systemUTC(), () -> {});
    return new RequestHandler(
        model,
        new ExtractiveReplyGenerator(new ExtractiveAnswerer(ExtractiveSettings.defaults())),
        new OutputGuard(GuardSettings.defaults()),
        chunks,
        settings,
        metrics,
        Clock.systemUTC());
  }

  private List<ReplyChunk> chunks() {
    return chunkProducer.history().stream().map(ProducerRecord::value).toList();
  }

  private static ReplyGenerated reply(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Reply.class);
    return ((Outcome.Reply) outcome).reply();
  }
}
