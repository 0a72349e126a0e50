package io.streamdesk.generation.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.ChatModel;
import io.streamdesk.generation.llm.FinishReason;
import io.streamdesk.generation.llm.GenerationException;
import io.streamdesk.generation.llm.GenerationRequest;
import io.streamdesk.generation.llm.GenerationResult;
import io.streamdesk.generation.llm.ModelInfo;
import io.streamdesk.generation.llm.SamplingParams;
import io.streamdesk.generation.llm.StreamListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} served by any OpenAI-compatible chat-completions server (vLLM, TGI, llama.cpp
 * server, Ollama, OpenAI). Every call streams ({@code stream: true}): the server's SSE chunks
 * ({@code data: {...}}, ended by {@code data: [DONE]}) become deltas as they arrive.
 *
 * <p>Calls run on virtual threads with java.net.http. A call that fails before any text streamed
 * with a 5xx, 429, timeout or connection error is retried with exponential backoff; once text has
 * streamed it is not (the listener has seen it), and the error goes to the caller. A circuit
 * breaker (resilience4j) counts those failures and, when too many fail, fails calls at once for a
 * while instead of queueing them on a sick server. The API key goes only into the Authorization
 * header.
 */
public final class OpenAiChatModel implements ChatModel {

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatModel.class);
  private static final int ERROR_BODY_CHARS = 300;

  private final OpenAiConfig config;
  private final HttpClient http;
  private final CircuitBreaker breaker;
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService watchdog;
  private final ObjectMapper json = new ObjectMapper();
  private final Set<Call> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public OpenAiChatModel(OpenAiConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .executor(calls)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.breaker =
        CircuitBreaker.of(
            "openai:" + config.model(),
            CircuitBreakerConfig.custom()
                .failureRateThreshold(config.circuitFailureRate())
                .slidingWindowSize(config.circuitWindow())
                .minimumNumberOfCalls(config.circuitMinCalls())
                .waitDurationInOpenState(config.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openai-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public CompletableFuture<GenerationResult> generate(
      GenerationRequest request, StreamListener listener) {
    Call call = new Call(request, listener);
    if (closed) {
      call.result.completeExceptionally(
          new GenerationException(request.requestId(), "the model is closed"));
      return call.result;
    }
    running.add(call);
    call.result.whenComplete(
        (result, error) -> {
          running.remove(call);
          if (call.result.isCancelled()) {
            call.abort();
          }
        });
    calls.execute(call::run);
    return call.result;
  }

  @Override
  public int countPromptTokens(List<ChatMessage> messages) {
    return TokenEstimator.estimate(messages);
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo(config.model(), config.contextLength());
  }

  /** The circuit breaker's state: CLOSED, OPEN, HALF_OPEN... */
  public CircuitBreaker.State circuitState() {
    return breaker.getState();
  }

  @Override
  public void close() {
    closed = true;
    for (Call call : running) {
      call.result.completeExceptionally(
          new GenerationException(call.request.requestId(), "the model was closed"));
      call.abort();
    }
    calls.shutdownNow();
    watchdog.shutdownNow();
    http.shutdownNow();
  }

  /** One generation: its attempts, its stream, its cancellation. */
  private final class Call {
    final GenerationRequest request;
    final StreamListener listener;
    final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    final long submitted = System.nanoTime();
    volatile Thread thread;
    volatile boolean aborted;
    volatile boolean idleTimedOut;
    boolean streamed;
    long firstText;
    ScheduledFuture<?> idleTimer;

    Call(GenerationRequest request, StreamListener listener) {
      this.request = request;
      this.listener = listener;
    }

    void run() {
      thread = Thread.currentThread();
      if (result.isDone()) {
        return;
      }
      for (int attempt = 0; ; attempt++) {
        try {
          result.complete(attempt());
          return;
        } catch (OpenAiException e) {
          boolean again =
              e.transientFailure()
                  && !(e instanceof OpenAiException.CircuitOpenException)
                  && !streamed
                  && attempt < config.maxRetries()
                  && !aborted;
          if (!again) {
            result.completeExceptionally(e);
            return;
          }
          LOG.debug("request {}: {}; retrying", request.requestId(), e.getMessage());
          if (!backoff(attempt)) {
            return;
          }
        } catch (RuntimeException e) {
          result.completeExceptionally(
              new GenerationException(request.requestId(), "unexpected failure: " + e, e));
          return;
        } finally {
          cancelIdleTimer();
        }
      }
    }

    void abort() {
      aborted = true;
      Thread t = thread;
      if (t != null) {
        t.interrupt();
      }
    }

    private GenerationResult attempt() {
      if (!breaker.tryAcquirePermission()) {
        throw new OpenAiException.CircuitOpenException(
            request.requestId(), config.endpoint().getHost());
      }
      long start = System.nanoTime();
      HttpResponse<InputStream> response;
      try {
        response = http.send(httpRequest(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        breaker.releasePermission();
        Thread.currentThread().interrupt();
        throw cancelled();
      } catch (HttpConnectTimeoutException | ConnectException e) {
        throw failed(start, 0, "cannot connect to " + config.endpoint().getHost(), true, e);
      } catch (HttpTimeoutException e) {
        throw failed(
            start, 0, "no response within " + config.responseTimeout().toMillis() + " ms", true, e);
      } catch (IOException e) {
        if (aborted) {
          breaker.releasePermission();
          throw cancelled();
        }
        throw failed(start, 0, "request failed: " + e, true, e);
      }
      int status = response.statusCode();
      if (status != 200) {
        String body = snippet(response.body());
        boolean serverSide = status >= 500 || status == 429 || status == 408;
        String message = "HTTP " + status + " from the server: " + errorMessage(body);
        if (serverSide) {
          throw failed(start, status, message, true, null);
        }
        // A 4xx says the request is wrong, not that the server is sick: not a breaker failure.
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        throw new OpenAiException(request.requestId(), message, status, false, null);
      }
      try (InputStream body = response.body()) {
        GenerationResult done = stream(body);
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return done;
      } catch (IOException e) {
        if (aborted) {
          breaker.releasePermission();
          throw cancelled();
        }
        String why =
            idleTimedOut
                ? "the stream was silent for " + config.idleTimeout().toMillis() + " ms"
                : "the stream broke: " + e;
        throw failed(start, status, why, true, e);
      } catch (OpenAiException e) {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        throw e;
      }
    }

    private GenerationResult stream(InputStream body) throws IOException {
      SseReader events =
          new SseReader(
              new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)),
              this::armIdleTimer);
      StringBuilder text = new StringBuilder();
      String pendingHigh = "";
      FinishReason finish = null;
      int promptTokens = 0;
      int completionTokens = 0;
      int deltas = 0;
      boolean done = false;
      String data;
      while ((data = events.next()) != null) {
        if (data.equals("[DONE]")) {
          done = true;
          break;
        }
        JsonNode chunk = parse(data);
        failOnError(chunk);
        JsonNode choice = chunk.path("choices").path(0);
        String content = choice.path("delta").path("content").asText("");
        if (!content.isEmpty()) {
          // A surrogate pair split over two chunks is sent whole with the next one.
          content = pendingHigh + content;
          pendingHigh = "";
          if (Character.isHighSurrogate(content.charAt(content.length() - 1))) {
            pendingHigh = content.substring(content.length() - 1);
            content = content.substring(0, content.length() - 1);
          }
          if (!content.isEmpty()) {
            if (!streamed) {
              streamed = true;
              firstText = System.nanoTime();
            }
            text.append(content);
            deltas++;
            emit(content);
          }
        }
        String reason = choice.path("finish_reason").asText("");
        if (!reason.isEmpty() && !reason.equals("null")) {
          finish = reason.equals("length") ? FinishReason.LENGTH : FinishReason.STOP;
        }
        JsonNode usage = chunk.path("usage");
        if (usage.isObject()) {
          promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
          completionTokens = usage.path("completion_tokens").asInt(completionTokens);
        }
      }
      if (!done && finish == null) {
        throw new IOException("the stream ended before [DONE]");
      }
      long end = System.nanoTime();
      return new GenerationResult(
          text.toString(),
          finish == null ? FinishReason.STOP : finish,
          promptTokens,
          completionTokens > 0 ? completionTokens : deltas,
          Duration.ofNanos((streamed ? firstText : end) - submitted),
          Duration.ofNanos(end - submitted),
          config.model());
    }

    private void emit(String delta) {
      try {
        listener.onDelta(delta);
      } catch (RuntimeException e) {
        LOG.warn("request {}: stream listener failed: {}", request.requestId(), e.toString());
      }
    }

    private HttpRequest httpRequest() {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(config.endpoint())
              .timeout(config.responseTimeout())
              .header("Content-Type", "application/json")
              .header("Accept", "text/event-stream")
              .POST(HttpRequest.BodyPublishers.ofString(body(), StandardCharsets.UTF_8));
      if (config.apiKey() != null) {
        builder.header("Authorization", "Bearer " + config.apiKey().reveal());
      }
      return builder.build();
    }

    private String body() {
      SamplingParams sampling = request.sampling();
      ObjectNode root = json.createObjectNode();
      root.put("model", config.model());
      ArrayNode messages = root.putArray("messages");
      for (ChatMessage message : request.messages()) {
        messages
            .addObject()
            .put("role", message.role().wireName())
            .put("content", message.content());
      }
      root.put("stream", true);
      if (config.streamUsage()) {
        root.putObject("stream_options").put("include_usage", true);
      }
      root.put("max_tokens", sampling.maxNewTokens());
      root.put("temperature", sampling.temperature());
      root.put("top_p", sampling.topP());
      if (!sampling.stopStrings().isEmpty()) {
        ArrayNode stop = root.putArray("stop");
        sampling.stopStrings().forEach(stop::add);
      }
      if (sampling.seed() != null) {
        root.put("seed", sampling.seed());
      }
      if (config.extraSampling()) {
        if (sampling.topK() > 0) {
          root.put("top_k", sampling.topK());
        }
        root.put("repetition_penalty", sampling.repetitionPenalty());
        if (sampling.minNewTokens() > 0) {
          root.put("min_tokens", sampling.minNewTokens());
        }
      }
      return root.toString();
    }

    private JsonNode parse(String data) throws IOException {
      try {
        return json.readTree(data);
      } catch (JsonProcessingException e) {
        throw new IOException("not a JSON chunk: " + abbreviate(data), e);
      }
    }

    private void failOnError(JsonNode chunk) {
      JsonNode error = chunk.get("error");
      boolean vllmStyle = "error".equals(chunk.path("object").asText());
      if (error == null && !vllmStyle) {
        return;
      }
      String message =
          error == null
              ? chunk.path("message").asText("unknown error")
              : error.isTextual() ? error.asText() : error.path("message").asText("unknown error");
      throw new OpenAiException(
          request.requestId(),
          "the server reported an error mid-stream: " + message,
          0,
          true,
          null);
    }

    private OpenAiException failed(
        long start, int status, String message, boolean transientFailure, Throwable cause) {
      OpenAiException e =
          new OpenAiException(request.requestId(), message, status, transientFailure, cause);
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      return e;
    }

    private GenerationException cancelled() {
      return new GenerationException(request.requestId(), "cancelled");
    }

    private boolean backoff(int attempt) {
      long base = config.retryBackoff().toMillis() << Math.min(attempt, 16);
      long wait = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
      try {
        Thread.sleep(wait);
        return !aborted;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private void armIdleTimer() {
      cancelIdleTimer();
      Thread reader = Thread.currentThread();
      idleTimer =
          watchdog.schedule(
              () -> {
                idleTimedOut = true;
                reader.interrupt();
              },
              config.idleTimeout().toMillis(),
              TimeUnit.MILLISECONDS);
    }

    private void cancelIdleTimer() {
      if (idleTimer != null) {
        idleTimer.cancel(false);
        idleTimer = null;
      }
      // A watchdog interrupt that lost the race with the read must not leak into the next step.
      if (!aborted) {
        Thread.interrupted();
      }
    }
  }

  private String errorMessage(String body) {
    try {
      JsonNode node = json.readTree(body);
      JsonNode error = node.get("error");
      if (error != null) {
        return error.isTextual() ? error.asText() : error.path("message").asText(body);
      }
      if (node.has("message")) {
        return node.get("message").asText();
      }
    } catch (JsonProcessingException | RuntimeException e) {
      // Not JSON: show the text as it is.
    }
    return abbreviate(body);
  }

  private static String snippet(InputStream body) {
    try (InputStream in = body) {
      byte[] bytes = in.readNBytes(ERROR_BODY_CHARS * 4);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no body: " + e.getMessage() + ")";
    }
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= ERROR_BODY_CHARS
        ? oneLine
        : oneLine.substring(0, ERROR_BODY_CHARS) + "...";
  }
}
