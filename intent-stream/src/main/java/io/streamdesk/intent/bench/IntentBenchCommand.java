package io.streamdesk.intent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.intent.EncoderWarmup;
import io.streamdesk.intent.IntentComponents;
import io.streamdesk.intent.IntentStreamConfig;
import io.streamdesk.intent.IntentTopology;
import io.streamdesk.intent.ServedClassifier;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code intent-bench}: does the intent topology keep up with its encoder? In one run and one JVM
 * it measures the encoder alone, one text per model run (the {@code embed-bench} one-by-one
 * figure), then the whole topology over the same messages on TopologyTestDriver (its own processing
 * cost) and on an embedded broker under exactly-once (the real thing, broker and clients sharing
 * the CPU), then the encoder again; the ratio is topology over the mean encoder figure. The
 * configuration ({@code language.*}, {@code encoder.*}, {@code intent.models.*}, {@code text.*},
 * {@code handoff.*}) is the service's, from -D, environment or {@code config.file}.
 *
 * <p>Prints one JSON object on stdout ({@code messages}, {@code topology_per_s}, {@code
 * encoder_one_by_one_per_s}, {@code ratio}, and the broker figures); logs go to stderr.
 */
@Command(
    name = "intent-bench",
    mixinStandardHelpOptions = true,
    description = "Intent topology throughput vs the encoder's one-by-one throughput, as JSON.")
public final class IntentBenchCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(IntentBenchCommand.class);

  /** Where the topology is run. */
  enum Mode {
    DRIVER,
    BROKER,
    BOTH
  }

  @Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--messages", description = "Messages per run (default ${DEFAULT-VALUE}).")
  int messages = 400;

  @Option(
      names = "--warmup",
      description = "Messages through the driver before measuring (default ${DEFAULT-VALUE}).")
  int warmup = 100;

  @Option(
      names = "--data",
      description =
          "JSONL of {\"text\": ..., \"locale\": ...} (default: the bundled zh and en held-out"
              + " intent sets, alternating).")
  Path data;

  @Option(
      names = "--conversations",
      description = "Conversations the messages are spread over (default ${DEFAULT-VALUE}).")
  int conversations = 50;

  @Option(
      names = "--mode",
      description = "driver, broker or both (default ${DEFAULT-VALUE}).",
      converter = ModeConverter.class)
  Mode mode = Mode.BOTH;

  @Option(
      names = "--rounds",
      description =
          "Driver runs, each between two encoder runs; medians are reported (default"
              + " ${DEFAULT-VALUE}).")
  int rounds = 3;

  @Option(
      names = "--threads",
      description = "num.stream.threads on the broker (default ${DEFAULT-VALUE}).")
  int threads = 1;

  @Option(
      names = "--partitions",
      description = "Partitions of the broker's topics (default: as many as --threads).")
  Integer partitions;

  @Option(names = "--json", description = "Print only the JSON object on stdout (always JSON).")
  boolean json;

  public static void main(String[] args) {
    System.exit(new CommandLine(new IntentBenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (messages < 1 || warmup < 0 || conversations < 1 || threads < 1 || rounds < 1) {
      err.println(
          "intent-bench: --messages, --conversations, --threads, --rounds >= 1; --warmup >= 0");
      return 2;
    }
    int topicPartitions = partitions == null ? threads : partitions;
    IntentStreamConfig config;
    try {
      config = IntentStreamConfig.load(Configuration.load());
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    List<BenchCorpus.Utterance> corpus =
        data == null ? BenchCorpus.defaults() : BenchCorpus.read(data);
    Instant now = Instant.now();
    List<CustomerMessageReceived> measured =
        BenchCorpus.messages(corpus, messages, conversations, now);
    List<CustomerMessageReceived> warm = BenchCorpus.messages(corpus, warmup, conversations, now);

    ObjectMapper mapper = new ObjectMapper();
    ObjectNode out = mapper.createObjectNode();
    try (LanguageRouter router =
        LanguageRouter.withOnnxModels(config.routing(), config.encoder())) {
      Map<String, String> models = EncoderWarmup.warm(router, config.routing());
      try (ServedClassifier classifier = openClassifier(config, router, out)) {
        run(config, router, classifier, measured, warm, topicPartitions, out);
      }
      ObjectNode modelNode = out.putObject("models");
      models.forEach(modelNode::put);
      out.put("encoder_intra_op_threads", config.encoder().intraOpThreads());
      out.put("available_processors", Runtime.getRuntime().availableProcessors());
    }
    System.out.println(mapper.writeValueAsString(out));
    return 0;
  }

  private void run(
      IntentStreamConfig config,
      LanguageRouter router,
      ServedClassifier classifier,
      List<CustomerMessageReceived> measured,
      List<CustomerMessageReceived> warm,
      int topicPartitions,
      ObjectNode out)
      throws Exception {
    IntentComponents components = new IntentComponents(config, router, classifier.scorer());
    EncoderRun encoder =
        new EncoderRun(measured, components.textPipeline(), components.languages(), router);

    encoder.run(); // JIT and ONNX Runtime warm-up, not reported
    if (!warm.isEmpty()) {
      DriverRun.run(components::topology, warm, IntentTopology.SERVICE);
    }
    // Encoder and topology runs alternate, and each topology run is compared with the encoder
    // runs just before and after it: on a shared machine the CPU left to us drifts.
    List<Double> encoderRuns = new ArrayList<>();
    List<Double> driverRuns = new ArrayList<>();
    List<Double> driverRatios = new ArrayList<>();
    RunResult driver = null;
    encoderRuns.add(encoder.run());
    if (mode != Mode.BROKER) {
      for (int round = 0; round < rounds; round++) {
        driver = DriverRun.run(components::topology, measured, IntentTopology.SERVICE);
        encoderRuns.add(encoder.run());
        driverRuns.add(driver.perSecond());
        driverRatios.add(driver.perSecond() / lastTwoMean(encoderRuns));
      }
    }
    RunResult broker = null;
    double brokerRatio = Double.NaN;
    if (mode != Mode.DRIVER) {
      broker =
          BrokerRun.run(
              components::topology, measured, IntentTopology.SERVICE, topicPartitions, threads);
      encoderRuns.add(encoder.run());
      brokerRatio = broker.perSecond() / lastTwoMean(encoderRuns);
    }

    out.put("messages", messages);
    out.put("encoder_one_by_one_per_s", round(median(encoderRuns)));
    out.set("encoder_runs_per_s", array(out, encoderRuns));
    if (driver != null) {
      out.put("topology_per_s", round(median(driverRuns)));
      out.put("ratio", round(median(driverRatios), 3));
      out.set("topology_runs_per_s", array(out, driverRuns));
      put(out.putObject("driver_outputs"), driver);
    }
    if (broker != null) {
      out.put("broker_topology_per_s", round(broker.perSecond()));
      out.put("broker_ratio", round(brokerRatio, 3));
      out.put("stream_threads", threads);
      out.put("partitions", topicPartitions);
      put(out.putObject("broker_outputs"), broker);
    }
  }

  private static double lastTwoMean(List<Double> runs) {
    return (runs.get(runs.size() - 1) + runs.get(runs.size() - 2)) / 2;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode array(
      ObjectNode parent, List<Double> values) {
    com.fasterxml.jackson.databind.node.ArrayNode array = parent.arrayNode();
    values.forEach(v -> array.add(round(v)));
    return array;
  }

  private static ServedClassifier openClassifier(
      IntentStreamConfig config, LanguageRouter router, ObjectNode out) {
    long start = System.nanoTime();
    ServedClassifier classifier =
        ServedClassifier.open(config.classifier(), config.routing(), router);
    double seconds = (System.nanoTime() - start) / 1e9;
    log.info(
        "classifier ready in {} s: {}", String.format(Locale.ROOT, "%.1f", seconds), classifier);
    out.put("classifier_ready_s", round(seconds, 1));
    out.put("classifier", classifier.description());
    return classifier;
  }

  private static void put(ObjectNode node, RunResult r) {
    node.put("classified", r.classified());
    node.put("handoffs", r.handoffs());
    node.put("dead_letters", r.deadLetters());
  }

  private static double round(double v) {
    return round(v, 1);
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }

  /** Accepts driver, broker, both in any case. */
  static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
  }
}
