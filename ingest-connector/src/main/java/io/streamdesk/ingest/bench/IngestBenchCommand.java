package io.streamdesk.ingest.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.ingest.IngestConnectorFactory;
import io.streamdesk.ingest.IngestConnectorService;
import io.streamdesk.ingest.auth.ApiKeyEntry;
import io.streamdesk.ingest.auth.ApiKeys;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.kafka.EmbeddedKafkaBroker;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load generator for {@code POST /v1/messages}: open loop at a fixed rate (latency measured from
 * each request's scheduled start, so a stalled server cannot hide its queueing) or closed loop with
 * a number of connections sending back to back. java.net.http on virtual threads. Against a running
 * connector ({@code --url}, {@code --api-key}) or a self-contained one ({@code --embedded}: an
 * embedded KRaft broker and the connector in this JVM, rate limits off). Prints one JSON object on
 * stdout.
 */
@Command(
    name = "ingest-bench",
    mixinStandardHelpOptions = true,
    description = "Requests/s and latency percentiles of POST /v1/messages (JSON on stdout).")
public final class IngestBenchCommand implements Callable<Integer> {

  @Option(names = "--url", description = "Base URL of a running connector.")
  URI url;

  @Option(names = "--api-key", description = "API key for --url.")
  String apiKey;

  @Option(
      names = "--embedded",
      description = "Start an embedded broker and a connector in this JVM and load them.")
  boolean embedded;

  @Option(
      names = "--rate",
      description = "Requests per second (open loop); 0 = closed loop (default ${DEFAULT-VALUE}).")
  int rate = 2000;

  @Option(
      names = "--connections",
      description =
          "Concurrent senders in closed loop; most requests in flight in open loop (later ones"
              + " wait, and the wait counts in their latency) (default ${DEFAULT-VALUE}).")
  int connections = 64;

  @Option(names = "--duration", description = "Measured seconds (default ${DEFAULT-VALUE}).")
  int durationSeconds = 30;

  @Option(
      names = "--warmup",
      description =
          "Seconds of load before measuring (default ${DEFAULT-VALUE}): with --embedded the JIT"
              + " compiles the broker's and the connector's hot paths under load for about half"
              + " a minute, and the tail measured before it finishes is the compiler's.")
  int warmupSeconds = 45;

  @Option(
      names = "--conversations",
      description = "Distinct conversation ids cycled through (default ${DEFAULT-VALUE}).")
  int conversations = 10_000;

  @Option(names = "--json", description = "Print only the JSON result (the default anyway).")
  boolean json;

  @Option(
      names = "--serve",
      description =
          "With --embedded: generate no load; print {url, api_key} and keep the broker and"
              + " connector up for --duration seconds, for an external generator such as wrk"
              + " (src/test/bench/messages.lua).")
  boolean serve;

  private static final String BENCH_KEY_CHANNEL = "bench";

  @Override
  public Integer call() throws Exception {
    if (embedded == (url != null)) {
      System.err.println("give either --url (with --api-key) or --embedded");
      return 2;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    if (embedded) {
      String key = ApiKeys.generate();
      try (EmbeddedKafkaBroker broker =
          EmbeddedKafkaBroker.builder()
              .topics(Topics.of(new TopicSettings("", 6, (short) 1)))
              .start()) {
        IngestConnectorService service = startConnector(broker.bootstrapServers(), key);
        try {
          if (serve) {
            result.put("url", service.baseUri().toString());
            result.put("api_key", key);
            System.out.println(JsonMapper.builder().build().writeValueAsString(result));
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await(durationSeconds, TimeUnit.SECONDS);
            return 0;
          }
          result.put("mode", "embedded broker + connector + load generator in one JVM");
          load(service.baseUri(), key, result);
        } finally {
          service.close();
        }
      }
    } else {
      if (apiKey == null) {
        System.err.println("--url needs --api-key");
        return 2;
      }
      result.put("mode", "external connector");
      load(url, apiKey, result);
    }
    System.out.println(JsonMapper.builder().build().writeValueAsString(result));
    return 0;
  }

  private static IngestConnectorService startConnector(String bootstrap, String key) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("kafka.bootstrap.servers", bootstrap);
    values.put("schema.registry.url", "mock://ingest-bench-" + UUID.randomUUID());
    values.put("topic.partitions", "6");
    values.put("ingest.port", "0");
    values.put("ingest.api-keys", ApiKeyEntry.of(BENCH_KEY_CHANNEL, key).format());
    values.put("ingest.rate-limit.key.per-second", "0");
    values.put("ingest.rate-limit.conversation.per-minute", "0");
    values.put("ingest.feed.lookback", "0");
    Configuration configuration = Configuration.of(values);
    KafkaSettings kafka = KafkaSettings.load(configuration);
    ServiceContext context =
        ServiceContext.of(
            configuration,
            kafka,
            AvroTopicSerdes.create(kafka.registryConfig()),
            new SimpleMeterRegistry());
    IngestConnectorService service =
        (IngestConnectorService) new IngestConnectorFactory().create(context);
    service.start();
    return service;
  }

  private void load(URI base, String key, Map<String, Object> result) throws Exception {
    URI target = base.resolve("/v1/messages");
    String[] bodies = new String[conversations];
    for (int i = 0; i < conversations; i++) {
      bodies[i] =
          "{\"conversationId\":\"bench-"
              + i
              + "\",\"text\":\"Where is my order? It was due yesterday.\",\"locale\":\"en-US\"}";
    }
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    LongAdder failures = new LongAdder();
    AtomicLong counter = new AtomicLong();
    Sender sender =
        intendedStart -> {
          int i = (int) (counter.getAndIncrement() % conversations);
          HttpRequest request =
              HttpRequest.newBuilder(target)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .header("X-API-Key", key)
                  .POST(HttpRequest.BodyPublishers.ofString(bodies[i]))
                  .build();
          try {
            HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
            statuses.computeIfAbsent(r.statusCode(), s -> new LongAdder()).increment();
          } catch (Exception e) {
            failures.increment();
          }
          recorder.recordValue(Math.max(0, System.nanoTime() - intendedStart));
        };

    // Warm-up: same load, results dropped.
    run(sender, warmupSeconds);
    recorder.reset();
    statuses.clear();
    failures.reset();

    long start = System.nanoTime();
    long sent = run(sender, durationSeconds);
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram h = recorder.getIntervalHistogram();

    long accepted = statuses.getOrDefault(202, new LongAdder()).sum();
    result.put("url", target.toString());
    result.put("loop", rate > 0 ? "open" : "closed");
    result.put("target_rps", rate > 0 ? rate : null);
    result.put("connections", connections);
    result.put("duration_s", Math.round(seconds * 10) / 10.0);
    result.put("sent", sent);
    result.put("accepted_202", accepted);
    Map<String, Long> byStatus = new LinkedHashMap<>();
    statuses.forEach((s, n) -> byStatus.put(Integer.toString(s), n.sum()));
    result.put("statuses", byStatus);
    result.put("transport_errors", failures.sum());
    result.put("throughput_rps", Math.round(accepted / seconds));
    Map<String, Double> latency = new LinkedHashMap<>();
    latency.put("p50", ms(h.getValueAtPercentile(50)));
    latency.put("p90", ms(h.getValueAtPercentile(90)));
    latency.put("p99", ms(h.getValueAtPercentile(99)));
    latency.put("p999", ms(h.getValueAtPercentile(99.9)));
    latency.put("max", ms(h.getMaxValue()));
    result.put("latency_ms", latency);
    result.put("cores", Runtime.getRuntime().availableProcessors());
    client.close();
  }

  /** Sends one request; the argument is its scheduled start (System.nanoTime). */
  private interface Sender {
    void send(long intendedStartNanos);
  }

  /** Runs the load for {@code seconds}; returns the number of requests started. */
  private long run(Sender sender, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long started = 0;
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(connections);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      if (rate > 0) {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        while (next < deadline) {
          long wait = next - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          long intended = next;
          inFlight.acquire(); // bounds connections; the wait counts in the latency
          threads.execute(
              () -> {
                try {
                  sender.send(intended);
                } finally {
                  inFlight.release();
                }
              });
          started++;
          next += interval;
        }
      } else {
        LongAdder count = new LongAdder();
        for (int c = 0; c < connections; c++) {
          threads.execute(
              () -> {
                while (System.nanoTime() < deadline) {
                  sender.send(System.nanoTime());
                  count.increment();
                }
              });
        }
        threads.shutdown();
        threads.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        started = count.sum();
      }
    }
    return started;
  }

  /** For trying the bench without the launcher; ./cs registers the command itself. */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new IngestBenchCommand()).execute(args));
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
