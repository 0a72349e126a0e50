package io.streamdesk.dispatcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.dispatcher.DispatcherConfig;
import io.streamdesk.dispatcher.ReplyDispatcher;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.kafka.EmbeddedKafkaBroker;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures the dispatcher end to end on the embedded broker: replies of many conversations are
 * produced to cs.replies at once, a local webhook receiver answers after a fixed latency (and, if
 * asked, 503 to the first attempt of some deliveries), and the command reports throughput and
 * produce-to-accepted latency percentiles, plus duplicates seen by the receiver (expected 0). One
 * JSON object on stdout; logs on stderr.
 */
@Command(
    name = "bench-dispatch",
    mixinStandardHelpOptions = true,
    description = "Reply-dispatcher throughput and latency against a local webhook, as JSON.")
public final class DispatchBenchCommand implements Callable<Integer> {

  private static final String SECRET = "bench-secret";

  @Spec CommandSpec spec;

  @Option(names = "--replies", description = "Replies to deliver (default ${DEFAULT-VALUE}).")
  int replies = 2000;

  @Option(
      names = "--conversations",
      description = "Conversations the replies are spread over (default ${DEFAULT-VALUE}).")
  int conversations = 200;

  @Option(names = "--partitions", description = "Partitions per topic (default ${DEFAULT-VALUE}).")
  int partitions = 3;

  @Option(
      names = "--receiver-latency-ms",
      description = "How long the receiver takes to answer (default ${DEFAULT-VALUE}).")
  int receiverLatencyMs = 20;

  @Option(
      names = "--concurrency",
      description = "dispatcher.max-concurrent-requests (default ${DEFAULT-VALUE}).")
  int concurrency = 64;

  @Option(
      names = "--fail-first-percent",
      description =
          "Percent of deliveries whose first attempt gets 503 (retried after 100 ms backoff)"
              + " (default ${DEFAULT-VALUE}).")
  int failFirstPercent = 0;

  @Option(
      names = "--timeout-s",
      description = "Give up after this many seconds (default ${DEFAULT-VALUE}).")
  int timeoutSeconds = 300;

  @Override
  public Integer call() throws Exception {
    ObjectNode result = new ObjectMapper().createObjectNode();
    result.put("replies", replies);
    result.put("conversations", conversations);
    result.put("partitions", partitions);
    result.put("receiverLatencyMs", receiverLatencyMs);
    result.put("maxConcurrentRequests", concurrency);
    result.put("failFirstPercent", failFirstPercent);
    String scope = "bench-dispatch-" + UUID.randomUUID();
    TopicSettings topicSettings = new TopicSettings("", partitions, (short) 1);
    Receiver receiver = new Receiver(replies, receiverLatencyMs, failFirstPercent);
    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.builder().topics(Topics.of(topicSettings)).start();
        receiver) {
      KafkaSettings kafka =
          KafkaSettings.of(broker.bootstrapServers(), "mock://" + scope).withTopics(topicSettings);
      Map<String, Object> values = new HashMap<>();
      values.put("dispatcher.channel.bench.url", receiver.url());
      values.put("dispatcher.channel.bench.secret", SECRET);
      values.put("dispatcher.auto-offset-reset", "earliest");
      values.put("dispatcher.max-concurrent-requests", Integer.toString(concurrency));
      values.put("dispatcher.retry.initial-backoff", "100ms");
      DispatcherConfig config = DispatcherConfig.load(Configuration.of(values));
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      try (AvroTopicSerdes serdes = AvroTopicSerdes.create(kafka.registryConfig());
          ReplyDispatcher dispatcher =
              new ReplyDispatcher(config, kafka, serdes, meters, Clock.systemUTC())) {
        dispatcher.start();
        long start = System.nanoTime();
        produce(broker, kafka.topics(), serdes, receiver);
        long produced = System.nanoTime();
        boolean all = receiver.accepted.await(timeoutSeconds, TimeUnit.SECONDS);
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        result.put("completed", all);
        result.put("produceMs", TimeUnit.NANOSECONDS.toMillis(produced - start));
        result.put("elapsedMs", TimeUnit.NANOSECONDS.toMillis(end - start));
        result.put("deliveriesPerSecond", Math.round(replies / seconds));
        long[] latencies = receiver.latenciesMs();
        result.put("acceptedCount", latencies.length);
        result.put("p50Ms", percentile(latencies, 0.50));
        result.put("p95Ms", percentile(latencies, 0.95));
        result.put("p99Ms", percentile(latencies, 0.99));
        result.put("maxMs", latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
        result.put("requests", receiver.requests.get());
        result.put("duplicatesAccepted", receiver.duplicates.get());
        // Where a delivery's time goes, from the dispatcher's own timers.
        result.put("httpAttemptMeanMs", meanMs(meters, "streamdesk.dispatcher.request.duration"));
        result.put("slotWaitMeanMs", meanMs(meters, "streamdesk.dispatcher.request.queued"));
        result.put("outcomeMeanMs", meanMs(meters, "streamdesk.dispatcher.delivery.latency"));
      } finally {
        InMemorySchemaRegistry.drop(scope);
      }
    }
    // picocli's out is stdout unless a caller (a test) sets another writer.
    spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(result));
    spec.commandLine().getOut().flush();
    return result.get("completed").asBoolean() ? 0 : 1;
  }

  private void produce(
      EmbeddedKafkaBroker broker, Topics topics, AvroTopicSerdes serdes, Receiver receiver)
      throws Exception {
    Serializer<ReplyGenerated> serializer = serdes.valueSerde(topics.replies()).serializer();
    Map<String, Object> props = broker.clientProperties();
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      Instant now = Instant.now();
      for (int i = 0; i < replies; i++) {
        String conversation = "c-" + (i % conversations);
        String message = "m-" + i;
        ReplyGenerated reply =
            ReplyGenerated.newBuilder()
                .setReplyId("r-" + i)
                .setInReplyTo(message)
                .setConversationId(conversation)
                .setChannel("bench")
                .setLanguage("en")
                .setText("Reply number " + i + " with a realistic length of a customer answer.")
                .setAction(ReplyAction.ANSWER)
                .setIntent("order_status")
                .setReceivedAt(now)
                .setGeneratedAt(now)
                .build();
        receiver.sentAt.put(message + ":bench", System.nanoTime());
        producer.send(
            new ProducerRecord<>(
                topics.replies().name(),
                conversation.getBytes(StandardCharsets.UTF_8),
                serializer.serialize(topics.replies().name(), reply)));
      }
      producer.flush();
    }
  }

  private static double meanMs(SimpleMeterRegistry meters, String timer) {
    return meters.find(timer).timers().stream()
        .mapToDouble(t -> t.mean(TimeUnit.MILLISECONDS))
        .average()
        .orElse(0);
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** The webhook: answers after a fixed latency, records produce-to-accepted latency. */
  private static final class Receiver implements AutoCloseable {
    final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final CountDownLatch accepted;
    private final int latencyMs;
    private final int failFirstPercent;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;

    Receiver(int expected, int latencyMs, int failFirstPercent) throws IOException {
      this.accepted = new CountDownLatch(expected);
      this.latencyMs = latencyMs;
      this.failFirstPercent = failFirstPercent;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(executor);
      server.createContext("/", this::handle);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        try (InputStream in = exchange.getRequestBody()) {
          in.readAllBytes();
        }
        requests.incrementAndGet();
        String id = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        boolean fail = attempt == 1 && Math.floorMod(id.hashCode(), 100) < failFirstPercent;
        try {
          Thread.sleep(latencyMs); // the receiver's own work; a virtual thread parks
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        int status = fail ? 503 : 200;
        if (!fail) {
          if (acceptedAt.putIfAbsent(id, System.nanoTime()) == null) {
            accepted.countDown();
          } else {
            duplicates.incrementAndGet();
          }
        }
        exchange.sendResponseHeaders(status, -1);
      }
    }

    long[] latenciesMs() {
      long[] values =
          acceptedAt.entrySet().stream()
              .mapToLong(e -> TimeUnit.NANOSECONDS.toMillis(e.getValue() - sentAt.get(e.getKey())))
              .toArray();
      Arrays.sort(values);
      return values;
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DispatchBenchCommand()).execute(args));
  }
}
