package io.streamdesk.generation.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.FinishReason;
import io.streamdesk.generation.llm.GenerationException;
import io.streamdesk.generation.llm.GenerationRequest;
import io.streamdesk.generation.llm.GenerationResult;
import io.streamdesk.generation.llm.SamplingParams;
import io.streamdesk.generation.llm.StreamListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The ONNX backend end to end on the committed tiny model. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxChatModelTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private OnnxChatModel model;
  private JsonNode reference;

  @BeforeAll
  void openModel() {
    model = OnnxChatModel.open(OnnxChatModelConfig.of(TinyLlm.dir()).withMaxBatchSize(8));
    reference = TinyLlm.reference();
  }

  @AfterAll
  void closeModel() {
    model.close();
  }

  @Test
  void shouldReproducePyTorchGreedyContinuations() {
    for (JsonNode conversation : reference.path("conversations")) {
      // Given the conversation and PyTorch's KV-cached greedy continuation at export time
      String expected = conversation.path("greedy_text").asText();
      int expectedTokens = conversation.path("greedy_ids").size();

      // When the ONNX backend decodes greedily
      GenerationResult result = greedy(TinyLlm.messages(conversation), 48);

      // Then it produces the same tokens
      assertThat(result.text()).isEqualTo(expected);
      assertThat(result.completionTokens()).isEqualTo(expectedTokens);
    }
  }

  @Test
  void shouldAnswerShopQuestionsSensibly() {
    // Given a question the tiny model was trained on; When decoding greedily
    GenerationResult result =
        greedy(List.of(ChatMessage.user("How long does delivery to Chengdu take?")), 48);

    // Then it states the trained fact and stops on its end token
    assertThat(result.text()).contains("Chengdu").contains("4 business days");
    assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void shouldDecodeABatchOfFourLikeFourSingleRuns() {
    // Given four conversations whose prompts differ in length (so rows are padded)
    List<GenerationRequest> requests = new ArrayList<>();
    for (JsonNode conversation : reference.path("conversations")) {
      if (requests.size() < 4) {
        requests.add(
            new GenerationRequest(
                "batch-" + requests.size(),
                TinyLlm.messages(conversation),
                SamplingParams.greedy(40)));
      }
    }
    assertThat(requests.stream().map(r -> model.countPromptTokens(r.messages())).distinct())
        .hasSize(4);
    List<GenerationResult> singles =
        requests.stream().map(r -> model.generate(r, StreamListener.NONE).join()).toList();
    int rowsBefore = model.stats().maxRows();

    // When they are submitted together
    List<GenerationResult> batched =
        model.generateAll(requests, r -> StreamListener.NONE).stream()
            .map(CompletableFuture::join)
            .toList();

    // Then they were decoded as one batch and each matches its single run
    assertThat(model.stats().maxRows()).isGreaterThanOrEqualTo(Math.max(4, rowsBefore));
    for (int i = 0; i < singles.size(); i++) {
      assertThat(batched.get(i).text()).isEqualTo(singles.get(i).text());
      assertThat(batched.get(i).completionTokens()).isEqualTo(singles.get(i).completionTokens());
      assertThat(batched.get(i).finishReason()).isEqualTo(singles.get(i).finishReason());
    }
  }

  @Test
  void shouldLetARequestJoinARunningBatchWithoutChangingEitherOutput() {
    // Given two requests and their single-run outputs
    GenerationRequest first =
        new GenerationRequest(
            "first", List.of(ChatMessage.user("我想退货。")), SamplingParams.greedy(40));
    GenerationRequest second =
        new GenerationRequest(
            "second",
            List.of(ChatMessage.user("Where is my order 55012345?")),
            SamplingParams.greedy(40));
    String firstAlone = model.generate(first, StreamListener.NONE).join().text();
    String secondAlone = model.generate(second, StreamListener.NONE).join().text();
    long rebuildsBefore = model.stats().cacheRebuilds();

    // When the second is submitted from the first's third delta, while the first is running
    List<CompletableFuture<GenerationResult>> joining = new ArrayList<>();
    AtomicInteger deltas = new AtomicInteger();
    CompletableFuture<GenerationResult> running =
        model.generate(
            first,
            delta -> {
              if (deltas.incrementAndGet() == 3) {
                joining.add(model.generate(second, StreamListener.NONE));
              }
            });

    // Then the second joined the running batch and neither output changed
    assertThat(running.join().text()).isEqualTo(firstAlone);
    assertThat(joining).hasSize(1);
    assertThat(joining.getFirst().join().text()).isEqualTo(secondAlone);
    assertThat(model.stats().cacheRebuilds()).isGreaterThan(rebuildsBefore);
  }

  @Test
  void shouldStopAtTheEndTokenAndCountIt() {
    // Given a question the model answers in a few tokens
    JsonNode conversation = reference.path("conversations").get(0);
    long lastId =
        conversation.path("greedy_ids").get(conversation.path("greedy_ids").size() - 1).asLong();
    assertThat(HfModelConfig.load(TinyLlm.dir()).eosTokenIds()).contains(lastId);

    // When decoding with room to spare
    GenerationResult result = greedy(TinyLlm.messages(conversation), 200);

    // Then generation ends on the end token, which is counted but not part of the text
    assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(result.completionTokens()).isEqualTo(conversation.path("greedy_ids").size());
    assertThat(result.text()).doesNotContain("<|im_end|>");
  }

  @Test
  void shouldStopAfterMaxNewTokens() {
    // When at most 5 tokens may be generated
    GenerationResult result =
        greedy(List.of(ChatMessage.user("How long does delivery to Chengdu take?")), 5);

    // Then exactly 5 are, and the reason is the length
    assertThat(result.completionTokens()).isEqualTo(5);
    assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(
            greedy(List.of(ChatMessage.user("How long does delivery to Chengdu take?")), 48).text())
        .startsWith(result.text());
  }

  @Test
  void shouldIgnoreEndTokensUntilMinNewTokens() {
    // Given a question answered in fewer than 30 tokens
    List<ChatMessage> messages = List.of(ChatMessage.user("Hi"));
    assertThat(greedy(messages, 48).completionTokens()).isLessThan(30);

    // When at least 30 tokens are required
    GenerationResult result =
        model
            .generate(
                new GenerationRequest(
                    "min", messages, SamplingParams.greedy(30).withMinNewTokens(30)),
                StreamListener.NONE)
            .join();

    // Then the reply runs to the limit
    assertThat(result.completionTokens()).isEqualTo(30);
    assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void shouldCutTheReplyBeforeAStopStringAndNeverStreamIt() {
    // Given the full greedy answer contains "business"
    List<ChatMessage> messages =
        List.of(ChatMessage.user("How long does delivery to Chengdu take?"));
    String full = greedy(messages, 48).text();
    assertThat(full).contains("business");

    // When "business" is a stop string
    List<String> streamed = Collections.synchronizedList(new ArrayList<>());
    GenerationResult result =
        model
            .generate(
                new GenerationRequest(
                    "stop",
                    messages,
                    SamplingParams.greedy(48).withStopStrings(List.of("business", "never"))),
                streamed::add)
            .join();

    // Then the reply ends right before it, and no part of it was streamed
    assertThat(result.text()).isEqualTo(full.substring(0, full.indexOf("business")));
    assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(String.join("", streamed)).isEqualTo(result.text()).doesNotContain("busi");
  }

  @Test
  void shouldStreamCompleteCharactersThatConcatenateToTheReply() {
    for (String question : List.of("寄到乌鲁木齐要多久？", "Where is my order 1234567890?", "笔记本电脑保修多久？")) {
      // When a reply (Chinese characters span several byte-level tokens) is streamed
      List<String> deltas = Collections.synchronizedList(new ArrayList<>());
      GenerationResult result =
          model
              .generate(
                  new GenerationRequest(
                      "stream",
                      List.of(ChatMessage.user(question)),
                      SamplingParams.defaults().withSeed(3L)),
                  deltas::add)
              .join();

      // Then the deltas join to the reply and none holds a broken character
      assertThat(String.join("", deltas)).isEqualTo(result.text());
      assertThat(deltas).allSatisfy(d -> assertThat(d).isNotEmpty().doesNotContain("\uFFFD"));
      assertThat(deltas)
          .allSatisfy(d -> assertThat(Character.isLowSurrogate(d.charAt(0))).isFalse());
    }
  }

  @Test
  void shouldReproduceSampledRepliesWithTheSameSeed() {
    // Given sampling with a high temperature, top-k and top-p, and a fixed seed
    SamplingParams sampling =
        SamplingParams.defaults().withTemperature(1.5).withTopK(50).withTopP(0.95).withSeed(42L);
    GenerationRequest request =
        new GenerationRequest(
            "seeded", List.of(ChatMessage.user("Hello")), sampling.withMaxNewTokens(30));

    // When the same request runs twice, once alone and once beside another request
    String alone = model.generate(request, StreamListener.NONE).join().text();
    List<CompletableFuture<GenerationResult>> together =
        model.generateAll(
            List.of(
                request,
                new GenerationRequest("other", List.of(ChatMessage.user("谢谢！")), sampling)),
            r -> StreamListener.NONE);

    // Then it gives the same reply
    assertThat(together.getFirst().join().text()).isEqualTo(alone);
  }

  @Test
  void shouldReportTimings() {
    GenerationResult result = greedy(List.of(ChatMessage.user("Hi")), 10);

    assertThat(result.timeToFirstToken()).isPositive();
    assertThat(result.total()).isGreaterThanOrEqualTo(result.timeToFirstToken());
    assertThat(result.promptTokens())
        .isEqualTo(model.countPromptTokens(List.of(ChatMessage.user("Hi"))));
    assertThat(result.model()).isEqualTo("tiny-llm");
  }

  @Test
  void shouldFailAPromptLongerThanTheContext() {
    // Given a prompt far beyond the model's 1024-token context
    String huge = "退货 ".repeat(2000);

    // When it is submitted, Then the future fails with a typed error
    CompletableFuture<GenerationResult> future =
        model.generate(
            GenerationRequest.of("long", List.of(ChatMessage.user(huge))), StreamListener.NONE);
    assertThatThrownBy(future::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(GenerationException.PromptTooLongException.class);
  }

  @Test
  void shouldLeaveTheBatchWhenCancelledAndKeepServingOthers() {
    // Given a request whose listener cancels it at the first delta it sees after submission
    AtomicReference<CompletableFuture<GenerationResult>> holder = new AtomicReference<>();
    CountDownLatch submitted = new CountDownLatch(1);
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicInteger deltasAfterCancel = new AtomicInteger();
    StreamListener cancelling =
        delta -> {
          if (cancelled.get()) {
            deltasAfterCancel.incrementAndGet();
            return;
          }
          // the first delta can come before generate() has returned the future: wait for it, so
          // the cancel always lands while the request is still being decoded
          try {
            submitted.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (holder.get() != null) {
            cancelled.set(holder.get().cancel(true));
          }
        };
    holder.set(
        model.generate(
            new GenerationRequest(
                "cancel", List.of(ChatMessage.user("Hi")), SamplingParams.greedy(200)),
            cancelling));
    submitted.countDown();

    // When another request follows
    GenerationResult next = greedy(List.of(ChatMessage.user("Hi")), 10);

    // Then the cancelled one got no more deltas, and the next one was served normally
    assertThat(cancelled).isTrue();
    assertThat(holder.get()).isCancelled();
    assertThat(deltasAfterCancel).hasValue(0);
    assertThat(next.completionTokens()).isPositive();
  }

  @Test
  void shouldKeepStreamingWhenAListenerThrows() {
    GenerationResult result =
        model
            .generate(
                new GenerationRequest(
                    "bad-listener", List.of(ChatMessage.user("Hi")), SamplingParams.greedy(10)),
                delta -> {
                  throw new IllegalStateException("listener bug");
                })
            .join();

    assertThat(result.text()).isNotEmpty();
  }

  private GenerationResult greedy(List<ChatMessage> messages, int maxNewTokens) {
    return model
        .generate(
            new GenerationRequest("greedy", messages, SamplingParams.greedy(maxNewTokens)),
            StreamListener.NONE)
        .orTimeout(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
        .join();
  }
}
