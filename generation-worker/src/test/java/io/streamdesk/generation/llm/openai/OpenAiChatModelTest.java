package io.streamdesk.generation.llm.openai;

import static io.streamdesk.generation.llm.openai.FakeOpenAiServer.delta;
import static io.streamdesk.generation.llm.openai.FakeOpenAiServer.finish;
import static io.streamdesk.generation.llm.openai.FakeOpenAiServer.hang;
import static io.streamdesk.generation.llm.openai.FakeOpenAiServer.status;
import static io.streamdesk.generation.llm.openai.FakeOpenAiServer.stream;
import static io.streamdesk.generation.llm.openai.FakeOpenAiServer.streamThenEnd;
import static io.streamdesk.generation.llm.openai.FakeOpenAiServer.streamThenHang;
import static io.streamdesk.generation.llm.openai.FakeOpenAiServer.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.FinishReason;
import io.streamdesk.generation.llm.GenerationRequest;
import io.streamdesk.generation.llm.GenerationResult;
import io.streamdesk.generation.llm.SamplingParams;
import io.streamdesk.runtime.config.Secret;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiChatModelTest {

  private static final String KEY = "sk-test-0123456789";

  private FakeOpenAiServer server;
  private OpenAiChatModel model;

  @BeforeEach
  void startServer() throws Exception {
    server = new FakeOpenAiServer();
  }

  @AfterEach
  void stop() {
    if (model != null) {
      model.close();
    }
    server.close();
  }

  @Test
  void shouldStreamDeltasThatConcatenateToTheReply() throws Exception {
    // Given a server that streams three pieces, a finish reason and usage
    server.then(
        stream(delta("退货"), delta("请在30天内"), delta("申请 [1]。"), finish("stop"), usage(42, 7)));
    model = new OpenAiChatModel(config().withApiKey(Secret.of(KEY)));
    List<String> deltas = new CopyOnWriteArrayList<>();

    // When
    GenerationResult result = model.generate(request(), deltas::add).join();

    // Then the deltas arrive in order and make up the reply
    assertThat(deltas).containsExactly("退货", "请在30天内", "申请 [1]。");
    assertThat(result.text()).isEqualTo("退货请在30天内申请 [1]。");
    assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(result.promptTokens()).isEqualTo(42);
    assertThat(result.completionTokens()).isEqualTo(7);
    assertThat(result.model()).isEqualTo("qwen2.5-7b-instruct");

    // and the request was a streaming chat completion with the key as a bearer token
    FakeOpenAiServer.Recorded sent = server.requests().getFirst();
    JsonNode body = new ObjectMapper().readTree(sent.body());
    assertThat(body.path("model").asText()).isEqualTo("qwen2.5-7b-instruct");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
    assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("退货怎么办？");
    assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
  }

  @Test
  void shouldReportALengthFinish() {
    server.then(stream(delta("a"), finish("length")));
    model = new OpenAiChatModel(config());

    assertThat(model.generate(request(), d -> {}).join().finishReason())
        .isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void shouldRetryAServerErrorBeforeAnyTextStreamed() {
    // Given a server that fails twice, then answers
    server
        .then(status(503, "{\"error\":{\"message\":\"overloaded\"}}"))
        .then(status(429, "{\"error\":{\"message\":\"slow down\"}}"))
        .then(stream(delta("ok"), finish("stop")));
    model = new OpenAiChatModel(config().withRetries(2, Duration.ofMillis(10)));

    // When / Then the third attempt answers
    assertThat(model.generate(request(), d -> {}).join().text()).isEqualTo("ok");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void shouldNotRetryOnceTextHasStreamed() {
    // Given a server that breaks off mid-answer
    server.then(streamThenEnd(delta("Half an"))).then(stream(delta("again"), finish("stop")));
    model = new OpenAiChatModel(config().withRetries(2, Duration.ofMillis(10)));
    List<String> deltas = new CopyOnWriteArrayList<>();

    // When / Then the call fails after the one attempt, as a transient failure
    CompletableFuture<GenerationResult> call = model.generate(request(), deltas::add);
    assertThatThrownBy(call::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(OpenAiException.class)
        .hasMessageContaining("stream broke");
    assertThat(((OpenAiException) call.exceptionNow()).transientFailure()).isTrue();
    assertThat(deltas).containsExactly("Half an");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void shouldFailAtOnceOnAClientErrorWithTheServersMessageButNotTheKey() {
    server.then(status(400, "{\"error\":{\"message\":\"max_tokens is too large\"}}"));
    model = new OpenAiChatModel(config().withApiKey(Secret.of(KEY)));

    CompletableFuture<GenerationResult> call = model.generate(request(), d -> {});

    assertThatThrownBy(call::join)
        .cause()
        .isInstanceOf(OpenAiException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("max_tokens is too large")
        .message()
        .doesNotContain(KEY);
    assertThat(((OpenAiException) call.exceptionNow()).transientFailure()).isFalse();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void shouldFailAnErrorReportedMidStream() {
    server.then(stream(delta("Hel"), "{\"error\":{\"message\":\"CUDA out of memory\"}}"));
    model = new OpenAiChatModel(config());

    assertThatThrownBy(() -> model.generate(request(), d -> {}).join())
        .cause()
        .hasMessageContaining("CUDA out of memory");
  }

  @Test
  void shouldTimeOutWhenNoResponseComes() {
    server.then(hang());
    model =
        new OpenAiChatModel(
            config()
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5))
                .withRetries(0, Duration.ZERO));

    assertThatThrownBy(() -> model.generate(request(), d -> {}).join())
        .cause()
        .isInstanceOf(OpenAiException.class)
        .hasMessageContaining("no response within 300 ms");
  }

  @Test
  void shouldTimeOutWhenTheStreamFallsSilent() {
    server.then(streamThenHang(delta("Let me check")));
    model =
        new OpenAiChatModel(
            config()
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300))
                .withRetries(0, Duration.ZERO));

    assertThatThrownBy(() -> model.generate(request(), d -> {}).join())
        .cause()
        .hasMessageContaining("silent for 300 ms");
  }

  @Test
  void shouldOpenTheCircuitAfterRepeatedFailuresAndThenFailFast() {
    // Given a server that keeps failing and a breaker that opens after 4 calls at 50 %
    for (int i = 0; i < 4; i++) {
      server.then(status(502, "{\"error\":\"bad gateway\"}"));
    }
    model =
        new OpenAiChatModel(
            config().withRetries(0, Duration.ZERO).withCircuit(50f, 4, 4, Duration.ofMinutes(1)));
    for (int i = 0; i < 4; i++) {
      CompletableFuture<GenerationResult> call = model.generate(request(), d -> {});
      assertThatThrownBy(call::join).cause().hasMessageContaining("HTTP 502");
    }

    // When another call comes
    CompletableFuture<GenerationResult> rejected = model.generate(request(), d -> {});

    // Then it fails without reaching the server
    assertThatThrownBy(rejected::join)
        .cause()
        .isInstanceOf(OpenAiException.CircuitOpenException.class);
    assertThat(model.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(server.requests()).hasSize(4);
  }

  @Test
  void shouldStopStreamingWhenCancelled() {
    server.then(streamThenHang(delta("Thinking")));
    model = new OpenAiChatModel(config());
    List<String> deltas = new CopyOnWriteArrayList<>();
    CompletableFuture<GenerationResult> call = model.generate(request(), deltas::add);
    await().atMost(Duration.ofSeconds(10)).until(() -> !deltas.isEmpty());

    call.cancel(true);

    assertThat(call).isCancelled();
    assertThat(deltas).containsExactly("Thinking");
  }

  @Test
  void shouldEstimatePromptTokensWithoutATokenizer() {
    model = new OpenAiChatModel(config());

    int tokens =
        model.countPromptTokens(List.of(ChatMessage.system("abcdefgh"), ChatMessage.user("退货")));

    assertThat(tokens).isEqualTo(3 + (4 + 2) + (4 + 2));
    assertThat(model.info().contextLength()).isEqualTo(8192);
  }

  private OpenAiConfig config() {
    return OpenAiConfig.of(server.baseUrl(), "qwen2.5-7b-instruct")
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  private static GenerationRequest request() {
    return new GenerationRequest(
        "m-1",
        List.of(ChatMessage.system("Answer from the passages."), ChatMessage.user("退货怎么办？")),
        SamplingParams.defaults().withMaxNewTokens(64));
  }
}
