package io.streamdesk.intent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.intent.EncoderWarmup;
import io.streamdesk.intent.IntentComponents;
import io.streamdesk.intent.IntentStreamConfig;
import io.streamdesk.intent.IntentTopology;
import io.streamdesk.intent.ServedClassifier;
import io.streamdesk.knowledge.encoder.EncoderConfig;
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
 * it measures the encoder alone, one text per model run with {@code embed-bench}'s settings (the
 * encoder defaults; {@code --baseline configured} takes the service's own), and the whole topology,
 * as configured, over the same messages: on TopologyTestDriver (its own processing cost, {@code
 * --rounds} times, timed on slices of ten messages interleaved with encoder-only slices, because
 * the CPU left on a shared machine drifts) and on an embedded broker under exactly-once (the real
 * thing, broker and clients sharing the CPU; compared with encoder runs just before and after).
 * Medians are reported. The configuration ({@code language.*}, {@code encoder.*}, {@code
 * intent.models.*}, {@code text.*}, {@code handoff.*}, {@code streams.*}) is the service's, from
 * -D, environment or {@code config.file}.
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
          "Driver runs, each interleaved with encoder-only runs over the same slices; medians"
              + " are reported (default ${DEFAULT-VALUE}).")
  int rounds = 3;

  @Option(
      names = "--baseline",
      description =
          "Encoder settings of the one-by-one baseline: defaults (embed-bench's, the default) or"
              + " configured (the service's own encoder.* settings: the strict comparison).")
  String baselineSettings = "defaults";

  @Option(
      names = "--threads",
      description = "num.stream.threads on the broker (default: streams.num.threads).")
  Integer threads;

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
    if (messages < 1
        || warmup < 0
        || conversations < 1
        || (threads != null && threads < 1)
        || rounds < 1) {
      err.println(
          "intent-bench: --messages, --conversations, --threads, --rounds >= 1; --warmup >= 0");
      return 2;
    }
    IntentStreamConfig config;
    try {
      config = IntentStreamConfig.load(Configuration.load());
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    int streamThreads = threads != null ? threads : config.streams().threads();
    int topicPartitions = partitions == null ? streamThreads : partitions;
    List<BenchCorpus.Utterance> corpus =
        data == null ? BenchCorpus.defaults() : BenchCorpus.read(data);
    Instant now = Instant.now();
    List<CustomerMessageReceived> measured =
        BenchCorpus.messages(corpus, messages, conversations, now);
    List<CustomerMessageReceived> warm = BenchCorpus.messages(corpus, warmup, conversations, now);

    ObjectMapper mapper = new ObjectMapper();
    ObjectNode out = mapper.createObjectNode();
    // The baseline is embed-bench's: the encoder defaults. When the service is configured
    // otherwise (e.g. one intra-op thread per stream thread), the baseline loads its own copies.
    if (!baselineSettings.equals("defaults") && !baselineSettings.equals("configured")) {
      err.println("intent-bench: --baseline is defaults or configured");
      return 2;
    }
    boolean defaultEncoders =
        baselineSettings.equals("configured") || config.encoder().equals(EncoderConfig.defaults());
    try (LanguageRouter router = LanguageRouter.withOnnxModels(config.routing(), config.encoder());
        LanguageRouter baseline =
            defaultEncoders
                ? null
                : LanguageRouter.withOnnxModels(config.routing(), EncoderConfig.defaults())) {
      Map<String, String> models = EncoderWarmup.warm(router, config.routing());
      if (baseline != null) {
        EncoderWarmup.warm(baseline, config.routing());
      }
      try (ServedClassifier classifier = openClassifier(config, router, out)) {
        run(
            config,
            router,
            baseline == null ? router : baseline,
            classifier,
            measured,
            warm,
            topicPartitions,
            streamThreads,
            out);
      }
      ObjectNode modelNode = out.putObject("models");
      models.forEach(modelNode::put);
      out.put("encoder_intra_op_threads", config.encoder().intraOpThreads());
      out.put("baseline", baselineSettings);
      out.put(
          "baseline_encoder_intra_op_threads",
          defaultEncoders
              ? config.encoder().intraOpThreads()
              : EncoderConfig.defaults().intraOpThreads());
      out.put("available_processors", Runtime.getRuntime().availableProcessors());
    }
    System.out.println(mapper.writeValueAsString(out));
    return 0;
  }

  private void run(
      IntentStreamConfig config,
      LanguageRouter router,
      LanguageRouter baseline,
      ServedClassifier classifier,
      List<CustomerMessageReceived> measured,
      List<CustomerMessageReceived> warm,
      int topicPartitions,
      int streamThreads,
      ObjectNode out)
      throws Exception {
    IntentComponents components = new IntentComponents(config, router, classifier.scorer());
    // One baseline per run: a second set of encoders with other thread settings would spin
    // between its runs and slow whatever is timed next.
    EncoderRun encoder =
        new EncoderRun(measured, components.textPipeline(), components.languages(), baseline);
    encoder.run(); // JIT and ONNX Runtime warm-up, not reported
    if (!warm.isEmpty()) {
      DriverRun.run(components::topology, warm, IntentTopology.SERVICE, List.of());
    }

    out.put("messages", messages);
    if (mode != Mode.BROKER) {
      List<Double> topologyRuns = new ArrayList<>();
      List<Double> encoderRuns = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      DriverRun.Result last = null;
      for (int round = 0; round < rounds; round++) {
        last =
            DriverRun.run(components::topology, measured, IntentTopology.SERVICE, List.of(encoder));
        double topology = last.topology().perSecond();
        topologyRuns.add(topology);
        encoderRuns.add(last.encoderPerSecond()[0]);
        ratios.add(topology / last.encoderPerSecond()[0]);
      }
      out.put("encoder_one_by_one_per_s", round(median(encoderRuns)));
      out.put("topology_per_s", round(median(topologyRuns)));
      out.put("ratio", round(median(ratios), 3));
      out.set("topology_runs_per_s", array(out, topologyRuns));
      out.set("encoder_runs_per_s", array(out, encoderRuns));
      put(out.putObject("driver_outputs"), last.topology());
    }
    if (mode != Mode.DRIVER) {
      // The broker run cannot be sliced: encoder runs just before and after it.
      double before = encoder.run();
      RunResult broker =
          BrokerRun.run(
              components::topology,
              measured,
              IntentTopology.SERVICE,
              topicPartitions,
              streamThreads);
      double around = (before + encoder.run()) / 2;
      out.put("broker_topology_per_s", round(broker.perSecond()));
      out.put("broker_encoder_one_by_one_per_s", round(around));
      out.put("broker_ratio", round(broker.perSecond() / around, 3));
      out.put("stream_threads", streamThreads);
      out.put("partitions", topicPartitions);
      put(out.putObject("broker_outputs"), broker);
    }
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
