package io.streamdesk.generation.llm.openai;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import io.streamdesk.runtime.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach an OpenAI-compatible chat-completions server (vLLM, TGI, llama.cpp server, Ollama,
 * OpenAI itself) and how patient to be with it.
 *
 * @param baseUrl API root; requests go to {@code baseUrl + /chat/completions}
 * @param model the model name the server knows
 * @param apiKey bearer token, or null for servers without authentication; never printed
 * @param contextLength the model's context length (servers do not report it)
 * @param connectTimeout to open a connection
 * @param responseTimeout from sending the request to the response headers
 * @param idleTimeout longest silence between two streamed lines
 * @param maxRetries retries after a 5xx, 429, timeout or connection error, never once text streamed
 * @param retryBackoff first wait between retries, doubled each time, with jitter
 * @param circuitFailureRate percentage of failed calls that opens the circuit
 * @param circuitWindow calls the failure rate is computed over
 * @param circuitMinCalls calls needed before the rate counts
 * @param circuitOpenFor how long an open circuit fails calls at once before trying again
 * @param streamUsage ask for token usage in the stream ({@code stream_options.include_usage})
 * @param extraSampling also send top_k, repetition_penalty and min_tokens (vLLM, TGI, llama.cpp
 *     understand them; OpenAI itself rejects them)
 */
public record OpenAiConfig(
    URI baseUrl,
    String model,
    Secret apiKey,
    int contextLength,
    Duration connectTimeout,
    Duration responseTimeout,
    Duration idleTimeout,
    int maxRetries,
    Duration retryBackoff,
    float circuitFailureRate,
    int circuitWindow,
    int circuitMinCalls,
    Duration circuitOpenFor,
    boolean streamUsage,
    boolean extraSampling) {

  public static final ConfigKey<URI> BASE_URL =
      ConfigKey.uri("generation.openai.base-url")
          .withDoc(
              "API root of the OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1 (vLLM) or"
                  + " http://127.0.0.1:11434/v1 (Ollama); required with generation.backend=openai.");

  public static final ConfigKey<String> MODEL =
      ConfigKey.string("generation.openai.model")
          .withDoc("Model name as the server knows it; required with generation.backend=openai.");

  public static final ConfigKey<Secret> API_KEY =
      ConfigKey.secret("generation.openai.api-key")
          .withDoc("Bearer token sent as Authorization; optional; never printed or logged.");

  public static final ConfigKey<Integer> CONTEXT_LENGTH =
      ConfigKey.integer("generation.openai.context-length")
          .withDefault(8192)
          .withDoc("Context length of the served model, for the prompt budget.")
          .withValidator(ConfigValidator.atLeast(256));

  public static final ConfigKey<Duration> CONNECT_TIMEOUT =
      ConfigKey.duration("generation.openai.connect-timeout")
          .withDefault(Duration.ofSeconds(5))
          .withDoc("Time to open a connection to the server.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> RESPONSE_TIMEOUT =
      ConfigKey.duration("generation.openai.response-timeout")
          .withDefault(Duration.ofSeconds(30))
          .withDoc("Time from sending a request to the response headers (queueing on the server).")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> IDLE_TIMEOUT =
      ConfigKey.duration("generation.openai.idle-timeout")
          .withDefault(Duration.ofSeconds(20))
          .withDoc("Longest silence between two streamed lines before the call fails.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Integer> MAX_RETRIES =
      ConfigKey.integer("generation.openai.max-retries")
          .withDefault(2)
          .withDoc(
              "Retries after a 5xx, 429, timeout or connection error; never once text has"
                  + " streamed (the worker's retry topic takes over then).")
          .withValidator(ConfigValidator.between(0, 10));

  public static final ConfigKey<Duration> RETRY_BACKOFF =
      ConfigKey.duration("generation.openai.retry-backoff")
          .withDefault(Duration.ofMillis(250))
          .withDoc("First wait before a retry; doubled each retry, with jitter.")
          .withValidator(ConfigValidator.nonNegativeDuration());

  public static final ConfigKey<Double> CIRCUIT_FAILURE_RATE =
      ConfigKey.decimal("generation.openai.circuit.failure-rate")
          .withDefault(50.0)
          .withDoc(
              "Percentage of failed calls (5xx, 429, timeouts, connection errors) that opens"
                  + " the circuit breaker.")
          .withValidator(ConfigValidator.between(1.0, 100.0));

  public static final ConfigKey<Integer> CIRCUIT_WINDOW =
      ConfigKey.integer("generation.openai.circuit.window")
          .withDefault(20)
          .withDoc("Number of recent calls the failure rate is computed over.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Integer> CIRCUIT_MIN_CALLS =
      ConfigKey.integer("generation.openai.circuit.min-calls")
          .withDefault(10)
          .withDoc("Calls needed in the window before the failure rate can open the circuit.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Duration> CIRCUIT_OPEN_FOR =
      ConfigKey.duration("generation.openai.circuit.open-for")
          .withDefault(Duration.ofSeconds(30))
          .withDoc(
              "How long an open circuit fails calls at once before letting trial calls through.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Boolean> STREAM_USAGE =
      ConfigKey.bool("generation.openai.stream-usage")
          .withDefault(true)
          .withDoc("Ask for token usage at the end of the stream (stream_options.include_usage).");

  public static final ConfigKey<Boolean> EXTRA_SAMPLING =
      ConfigKey.bool("generation.openai.extra-sampling")
          .withDefault(false)
          .withDoc(
              "Also send top_k, repetition_penalty and min_tokens (vLLM, TGI and llama.cpp read them;"
                  + " OpenAI's own API rejects them).");

  public static final ConfigDefinition DEFINITION =
      ConfigDefinition.of(
          "generation-openai",
          BASE_URL,
          MODEL,
          API_KEY,
          CONTEXT_LENGTH,
          CONNECT_TIMEOUT,
          RESPONSE_TIMEOUT,
          IDLE_TIMEOUT,
          MAX_RETRIES,
          RETRY_BACKOFF,
          CIRCUIT_FAILURE_RATE,
          CIRCUIT_WINDOW,
          CIRCUIT_MIN_CALLS,
          CIRCUIT_OPEN_FOR,
          STREAM_USAGE,
          EXTRA_SAMPLING);

  public OpenAiConfig {
    Objects.requireNonNull(baseUrl, "generation.openai.base-url is required");
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("generation.openai.model is required");
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(circuitOpenFor, "circuitOpenFor");
    if (contextLength < 1 || maxRetries < 0 || circuitWindow < 1 || circuitMinCalls < 1) {
      throw new IllegalArgumentException(
          "generation.openai: context-length, circuit window and min-calls >= 1, retries >= 0");
    }
  }

  /** Defaults for everything but the server and model. */
  public static OpenAiConfig of(URI baseUrl, String model) {
    return new OpenAiConfig(
        baseUrl,
        model,
        null,
        8192,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofSeconds(20),
        2,
        Duration.ofMillis(250),
        50f,
        20,
        10,
        Duration.ofSeconds(30),
        true,
        false);
  }

  /** Reads the keys above; base-url and model must be set. */
  public static OpenAiConfig from(ConfigValues values) {
    return new OpenAiConfig(
        values.find(BASE_URL).orElse(null),
        values.find(MODEL).orElse(null),
        values.find(API_KEY).orElse(null),
        values.get(CONTEXT_LENGTH),
        values.get(CONNECT_TIMEOUT),
        values.get(RESPONSE_TIMEOUT),
        values.get(IDLE_TIMEOUT),
        values.get(MAX_RETRIES),
        values.get(RETRY_BACKOFF),
        values.get(CIRCUIT_FAILURE_RATE).floatValue(),
        values.get(CIRCUIT_WINDOW),
        values.get(CIRCUIT_MIN_CALLS),
        values.get(CIRCUIT_OPEN_FOR),
        values.get(STREAM_USAGE),
        values.get(EXTRA_SAMPLING));
  }

  /** The chat-completions endpoint. */
  public URI endpoint() {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
  }

  public OpenAiConfig withApiKey(Secret value) {
    return new OpenAiConfig(
        baseUrl,
        model,
        value,
        contextLength,
        connectTimeout,
        responseTimeout,
        idleTimeout,
        maxRetries,
        retryBackoff,
        circuitFailureRate,
        circuitWindow,
        circuitMinCalls,
        circuitOpenFor,
        streamUsage,
        extraSampling);
  }

  public OpenAiConfig withTimeouts(Duration response, Duration idle) {
    return new OpenAiConfig(
        baseUrl,
        model,
        apiKey,
        contextLength,
        connectTimeout,
        response,
        idle,
        maxRetries,
        retryBackoff,
        circuitFailureRate,
        circuitWindow,
        circuitMinCalls,
        circuitOpenFor,
        streamUsage,
        extraSampling);
  }

  public OpenAiConfig withRetries(int retries, Duration backoff) {
    return new OpenAiConfig(
        baseUrl,
        model,
        apiKey,
        contextLength,
        connectTimeout,
        responseTimeout,
        idleTimeout,
        retries,
        backoff,
        circuitFailureRate,
        circuitWindow,
        circuitMinCalls,
        circuitOpenFor,
        streamUsage,
        extraSampling);
  }

  public OpenAiConfig withCircuit(float failureRate, int window, int minCalls, Duration openFor) {
    return new OpenAiConfig(
        baseUrl,
        model,
        apiKey,
        contextLength,
        connectTimeout,
        responseTimeout,
        idleTimeout,
        maxRetries,
        retryBackoff,
        failureRate,
        window,
        minCalls,
        openFor,
        streamUsage,
        extraSampling);
  }
}
