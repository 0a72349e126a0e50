package io.streamdesk.retrieval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.knowledge.index.SearchRequest;
import io.streamdesk.retrieval.RetrievalComponents;
import io.streamdesk.retrieval.RetrievalMetrics;
import io.streamdesk.retrieval.RetrievalStreamConfig;
import io.streamdesk.retrieval.RetrievalTopology;
import io.streamdesk.retrieval.decision.RetrievalDecider;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.streams.StreamsProperties;
import io.streamdesk.runtime.streams.StreamsSettings;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code retrieval-bench}: what retrieval adds to the knowledge-base search, measured in one run
 * over the same index and queries (embedded once, up front, as the intent stream does):
 *
 * <ul>
 *   <li>{@code search_latency_ms}: the index's own hybrid search call, timed exactly as {@code
 *       retrieval-eval} times it (query vector given, top 10);
 *   <li>{@code retrieval_step_latency_ms}: the retrieval stream's whole decision for a KB question
 *       (query plan, the vector and keyword searches with fusion, relevance gate, the GenerateReply
 *       with passages and history); timed call by call, alternating with the search call so that
 *       both see the same machine load;
 *   <li>{@code overhead}: step over search, minus one (the target is at most 0.20);
 *   <li>{@code topology_record_latency_ms}: one message through the whole topology on
 *       TopologyTestDriver with the production Streams configuration (exactly-once): Avro in and
 *       out, the state stores, the changelogs; no broker.
 * </ul>
 */
@Command(
    name = "retrieval-bench",
    mixinStandardHelpOptions = true,
    description =
        "Latency of the retrieval stream's decision next to the knowledge-base search it wraps"
            + " (same index, same queries, same run), and per message through the topology.")
public final class RetrievalBenchCommand implements Callable<Integer> {

  @Option(names = "--index-dir", description = "Lucene index folder; default: kb.index.* config")
  Path indexDir;

  @Option(names = "--data", description = "questions, JSONL {language,text,...}; default: bundled")
  Path data;

  @Option(
      names = "--passes",
      defaultValue = "5",
      description = "timed passes over the questions (default ${DEFAULT-VALUE})")
  int passes;

  @Option(names = "--json", description = "print one JSON object on stdout (logs go to stderr)")
  boolean json;

  private final PrintStream out;

  public RetrievalBenchCommand() {
    this(System.out);
  }

  RetrievalBenchCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    if (passes < 1) {
      System.err.println("retrieval-bench: --passes must be >= 1");
      return 2;
    }
    List<LabelledQuery> queries = LabelledQuery.read(data);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    // The cache would answer repeated questions without searching: off, to time the search path.
    try (BenchEnvironment env =
        new BenchEnvironment(indexDir, Map.of("retrieval.cache.enabled", "false"))) {
      List<MessageClassified> messages = new ArrayList<>();
      for (int i = 0; i < queries.size(); i++) {
        LabelledQuery q = queries.get(i);
        messages.add(env.message("b-" + i, "q-" + i, q.language(), q.text(), "product_inquiry"));
      }
      RetrievalMetrics metrics = new RetrievalMetrics(new SimpleMeterRegistry());
      RetrievalComponents components = RetrievalComponents.create(env.config, env.index, metrics);
      root.put("index", env.config.knowledge().describe());
      root.put("kb_version", env.index.version());
      root.put("queries", messages.size());
      root.put("passes", passes);
      stepAgainstSearch(env, components.decider(), messages, root);
      topology(env.config, components, messages, root);
    }
    out.println(
        json
            ? mapper.writeValueAsString(root)
            : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    return 0;
  }

  private void stepAgainstSearch(
      BenchEnvironment env,
      RetrievalDecider decider,
      List<MessageClassified> messages,
      ObjectNode root) {
    int n = messages.size();
    long[] search = new long[n * passes];
    long[] step = new long[n * passes];
    // Warm-up pass (JIT, page cache), not timed.
    for (MessageClassified m : messages) {
      env.index.search(hybrid(m));
      decider.decide(m, null, null, k -> null, System.currentTimeMillis());
    }
    int i = 0;
    for (int p = 0; p < passes; p++) {
      for (MessageClassified m : messages) {
        SearchRequest request = hybrid(m);
        long t0 = System.nanoTime();
        env.index.search(request);
        long t1 = System.nanoTime();
        decider.decide(m, null, null, k -> null, System.currentTimeMillis());
        long t2 = System.nanoTime();
        search[i] = t1 - t0;
        step[i] = t2 - t1;
        i++;
      }
    }
    latency(root, "search_latency_ms", search);
    latency(root, "retrieval_step_latency_ms", step);
    ObjectNode overhead = root.putObject("overhead");
    overhead.put("p50", round(Percentiles.ms(step, 50) / Percentiles.ms(search, 50) - 1));
    overhead.put("p99", round(Percentiles.ms(step, 99) / Percentiles.ms(search, 99) - 1));
  }

  private void topology(
      RetrievalStreamConfig config,
      RetrievalComponents components,
      List<MessageClassified> messages,
      ObjectNode root)
      throws IOException {
    String scope = "retrieval-bench-" + UUID.randomUUID();
    KafkaSettings kafka = KafkaSettings.of("driver:9092", "mock://" + scope);
    Topics topics = kafka.topics();
    Path stateDir = Files.createTempDirectory("retrieval-bench-ttd-");
    Properties props =
        StreamsProperties.asProperties(
            RetrievalTopology.SERVICE,
            kafka,
            StreamsSettings.defaults().withStateDir(stateDir),
            true);
    try (AvroTopicSerdes serdes = AvroTopicSerdes.create(kafka.registryConfig());
        TopologyTestDriver driver =
            new TopologyTestDriver(
                RetrievalTopology.build(topics, serdes, components), props, Instant.now())) {
      Topic<String, MessageClassified> topic = topics.messagesClassified();
      TestInputTopic<byte[], byte[]> in =
          driver.createInputTopic(
              topic.name(), new ByteArraySerializer(), new ByteArraySerializer());
      int total = messages.size() * (passes + 1);
      long[] nanos = new long[messages.size() * passes];
      long start = 0;
      for (int i = 0; i < total; i++) {
        MessageClassified m = messages.get(i % messages.size());
        String conversation = m.getConversationId() + "-" + i;
        MessageClassified copy =
            MessageClassified.newBuilder(m)
                .setConversationId(conversation)
                .setMessageId(m.getMessageId() + "-" + i)
                .build();
        byte[] key = conversation.getBytes(StandardCharsets.UTF_8);
        byte[] value = serdes.valueSerde(topic).serializer().serialize(topic.name(), copy);
        if (i == messages.size()) {
          start = System.nanoTime(); // the first pass warmed up
        }
        long t0 = System.nanoTime();
        in.pipeInput(key, value);
        if (i >= messages.size()) {
          nanos[i - messages.size()] = System.nanoTime() - t0;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      latency(root, "topology_record_latency_ms", nanos);
      root.put("topology_records_per_s", Math.round(nanos.length / seconds));
    } finally {
      InMemorySchemaRegistry.drop(scope);
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static SearchRequest hybrid(MessageClassified m) {
    float[] v = new float[m.getEmbedding().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = m.getEmbedding().get(i);
    }
    return SearchRequest.hybrid(m.getLanguage(), v, m.getMaskedText(), 10);
  }

  private static void latency(ObjectNode root, String name, long[] nanos) {
    ObjectNode n = root.putObject(name);
    n.put("p50", round(Percentiles.ms(nanos, 50)));
    n.put("p99", round(Percentiles.ms(nanos, 99)));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RetrievalBenchCommand()).execute(args));
  }
}
