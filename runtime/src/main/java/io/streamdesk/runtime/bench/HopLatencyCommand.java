package io.streamdesk.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.kafka.EmbeddedKafkaBroker;
import io.streamdesk.runtime.streams.StreamsRunner;
import io.streamdesk.runtime.streams.StreamsSettings;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures what one exactly-once Kafka Streams hop costs on the embedded broker: a producer sends
 * paced records to {@code bench.in}, a pass-through topology (run by {@link StreamsRunner}) copies
 * them to {@code bench.out}, a read_committed consumer records send-to-visible latency. Runs
 * StreamDesk's settings and, for comparison, Kafka Streams' EOS defaults (commit 100 ms, linger 100
 * ms). Prints one JSON object on stdout; logs go to stderr.
 */
@Command(
    name = "bench-hop",
    mixinStandardHelpOptions = true,
    description = "Latency of one exactly-once Streams hop on the embedded broker, as JSON.")
public final class HopLatencyCommand implements Callable<Integer> {

  @Option(names = "--messages", description = "Records per run (default ${DEFAULT-VALUE}).")
  int messages = 1000;

  @Option(names = "--rate", description = "Records per second (default ${DEFAULT-VALUE}).")
  int rate = 200;

  @Option(names = "--bytes", description = "Value size (default ${DEFAULT-VALUE}).")
  int bytes = 300;

  @Option(
      names = "--warmup",
      description =
          "Records sent first and not measured (JIT, coordinators) (default ${DEFAULT-VALUE}).")
  int warmup = 300;

  @Option(
      names = "--run",
      description =
          "A run as commitMs:lingerMs, repeatable (default: StreamDesk's 50:5 and Streams'"
              + " EOS defaults 100:100).")
  List<String> runSpecs = List.of("50:5", "100:100");

  @Override
  public Integer call() throws Exception {
    long startBegin = System.nanoTime();
    ObjectNode result = new ObjectMapper().createObjectNode();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
      result.put("brokerStartMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startBegin));
      result.put("messages", messages);
      result.put("ratePerSecond", rate);
      result.put("valueBytes", bytes);
      result.put("warmup", warmup);
      ArrayNode runs = result.putArray("runs");
      StreamsSettings defaults = StreamsSettings.defaults();
      // The first Streams app in a JVM pays for class loading and JIT; it is not reported.
      run(broker, "jvm-warmup", defaults);
      for (String spec : runSpecs) {
        String[] parts = spec.split(":");
        StreamsSettings settings =
            new StreamsSettings(
                defaults.stateDir(),
                Duration.ofMillis(Long.parseLong(parts[0])),
                Duration.ofMillis(Long.parseLong(parts[1])),
                1,
                false,
                defaults.startTimeout(),
                defaults.closeTimeout(),
                Map.of());
        runs.add(run(broker, "c" + parts[0] + "-l" + parts[1], settings));
      }
    }
    System.out.println(new ObjectMapper().writeValueAsString(result));
    return 0;
  }

  private ObjectNode run(EmbeddedKafkaBroker broker, String name, StreamsSettings settings)
      throws Exception {
    String in = "bench.in." + name;
    String out = "bench.out." + name;
    try (Admin admin = broker.admin()) {
      admin
          .createTopics(List.of(new NewTopic(in, 1, (short) 1), new NewTopic(out, 1, (short) 1)))
          .all()
          .get();
    }
    Path stateDir = Files.createTempDirectory("bench-hop-");
    KafkaSettings kafka =
        KafkaSettings.of(broker.bootstrapServers(), "mock://bench-" + UUID.randomUUID());
    int total = warmup + messages;
    long[] latencies = new long[total];
    try (StreamsRunner runner =
            StreamsRunner.builder("bench-" + name, passThrough(in, out))
                .kafka(kafka)
                .settings(settings.withStateDir(stateDir))
                .deadLetterHandlers(false)
                .build()
                .start();
        KafkaConsumer<byte[], byte[]> consumer = consumer(broker, out);
        KafkaProducer<byte[], byte[]> producer = producer(broker)) {
      consumer.subscribe(List.of(out));
      awaitAssignment(consumer);
      int received = 0;
      long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
      long next = System.nanoTime();
      int sent = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(total / rate + 60);
      while (received < total && System.nanoTime() < deadline) {
        while (sent < total && System.nanoTime() >= next) {
          byte[] value = new byte[bytes];
          ByteBuffer.wrap(value).putLong(System.nanoTime());
          producer.send(new ProducerRecord<>(in, Integer.toString(sent).getBytes(), value));
          sent++;
          next += intervalNanos;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(1))) {
          latencies[received++] = System.nanoTime() - ByteBuffer.wrap(r.value()).getLong();
        }
      }
      ObjectNode run = new ObjectMapper().createObjectNode();
      run.put("config", name);
      run.put("commitIntervalMs", settings.commitInterval().toMillis());
      run.put("lingerMs", settings.linger().toMillis());
      run.put("measured", Math.max(0, received - warmup));
      long[] done = Arrays.copyOfRange(latencies, Math.min(warmup, received), received);
      Arrays.sort(done);
      run.put("p50Ms", percentile(done, 0.50));
      run.put("p95Ms", percentile(done, 0.95));
      run.put("p99Ms", percentile(done, 0.99));
      run.put("maxMs", done.length == 0 ? -1 : done[done.length - 1] / 1e6);
      return run;
    }
  }

  private static Topology passThrough(String in, String out) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read"))
        .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write"));
    return builder.build();
  }

  private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedKafkaBroker broker, String topic) {
    Map<String, Object> props = broker.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafkaBroker broker) {
    Map<String, Object> props = broker.clientProperties();
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void awaitAssignment(KafkaConsumer<?, ?> consumer) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(50));
    }
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return Math.round(sorted[Math.max(0, index)] / 1e4) / 100.0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new HopLatencyCommand()).execute(args));
  }
}
