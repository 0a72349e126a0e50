package io.streamdesk.generation.llm.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A chat-completions server on a loopback port that answers each request with the next scripted
 * behaviour: an SSE stream, an error status, silence. Records every request's body and headers.
 */
final class FakeOpenAiServer implements AutoCloseable {

  /** One scripted answer. */
  interface Behaviour {
    void answer(HttpExchange exchange, CountDownLatch release)
        throws IOException, InterruptedException;
  }

  record Recorded(String body, Map<String, List<String>> headers) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.getFirst();
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  FakeOpenAiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  FakeOpenAiServer then(Behaviour behaviour) {
    script.add(behaviour);
    return this;
  }

  List<Recorded> requests() {
    return requests;
  }

  /** Streams each payload as one SSE event, a keep-alive comment first, then [DONE]. */
  static Behaviour stream(String... payloads) {
    return (exchange, release) -> {
      OutputStream out = open(exchange);
      write(out, ": keep-alive\n\n");
      for (String payload : payloads) {
        write(out, "data: " + payload + "\n\n");
      }
      write(out, "data: [DONE]\n\n");
      exchange.close();
    };
  }

  /** Streams the payloads and ends the response without [DONE] or a finish reason. */
  static Behaviour streamThenEnd(String... payloads) {
    return (exchange, release) -> {
      OutputStream out = open(exchange);
      for (String payload : payloads) {
        write(out, "data: " + payload + "\n\n");
      }
      exchange.close();
    };
  }

  /** Streams the payloads, then stays silent until the server closes. */
  static Behaviour streamThenHang(String... payloads) {
    return (exchange, release) -> {
      OutputStream out = open(exchange);
      for (String payload : payloads) {
        write(out, "data: " + payload + "\n\n");
      }
      release.await(30, TimeUnit.SECONDS);
      exchange.close();
    };
  }

  /** Sends no response headers until the server closes. */
  static Behaviour hang() {
    return (exchange, release) -> {
      release.await(30, TimeUnit.SECONDS);
      exchange.close();
    };
  }

  /** Answers with a status and a JSON body at once. */
  static Behaviour status(int status, String body) {
    return (exchange, release) -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    };
  }

  /** An OpenAI streaming chunk carrying {@code content}. */
  static String delta(String content) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":\""
        + content
        + "\"},\"finish_reason\":null}]}";
  }

  /** The last chunk of a choice. */
  static String finish(String reason) {
    return "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\""
        + reason
        + "\"}]}";
  }

  /** The usage chunk sent when stream_options.include_usage is set. */
  static String usage(int prompt, int completion) {
    return "{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
        + prompt
        + ",\"completion_tokens\":"
        + completion
        + "}}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Recorded(body, Map.copyOf(exchange.getRequestHeaders())));
    Behaviour next = script.poll();
    try {
      if (next == null) {
        status(500, "{\"error\":{\"message\":\"no more scripted answers\"}}")
            .answer(exchange, release);
      } else {
        next.answer(exchange, release);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    } catch (IOException e) {
      // The client went away (cancelled or timed out): nothing left to answer.
      exchange.close();
    }
  }

  private static OutputStream open(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
