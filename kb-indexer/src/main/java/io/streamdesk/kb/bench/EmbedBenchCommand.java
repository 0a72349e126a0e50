package io.streamdesk.kb.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.encoder.ModelCatalogue;
import io.streamdesk.knowledge.encoder.ModelSpec;
import io.streamdesk.knowledge.encoder.OnnxEncoder;
import io.streamdesk.knowledge.language.RoutingConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code embed-bench}: encoder throughput on the sample knowledge base's chunks, one text per call
 * and in batches of 32, in the same run. With {@code --baseline} the same texts also go through a
 * plain ONNX Runtime session ({@link PlainOnnxSession}) to show what the encoder's own code costs.
 * Rounds alternate encoder and baseline so that machine load hits both alike; medians are reported.
 */
@Command(
    name = "embed-bench",
    mixinStandardHelpOptions = true,
    description =
        "Embeds the sample knowledge base's chunks one at a time and in batches of 32 and prints"
            + " texts per second.")
public final class EmbedBenchCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(EmbedBenchCommand.class);

  @Option(names = "--model", description = "catalogued model; default: the language's model")
  String model;

  @Option(
      names = "--lang",
      description = "sample KB language (zh, en); default: the model's language, else zh")
  String lang;

  @Option(names = "--texts", description = "embed these texts instead (one per line)")
  Path textsFile;

  @Option(names = "--batch-size", defaultValue = "32", description = "default ${DEFAULT-VALUE}")
  int batchSize;

  @Option(names = "--rounds", defaultValue = "3", description = "default ${DEFAULT-VALUE}")
  int rounds;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "ONNX Runtime intra-op threads, 0 = all processors (default ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--baseline", description = "also time a plain ONNX Runtime session")
  boolean baseline;

  @Option(names = "--json", description = "print one JSON object on stdout (logs go to stderr)")
  boolean json;

  private final PrintStream out;

  public EmbedBenchCommand() {
    this(System.out);
  }

  EmbedBenchCommand(PrintStream out) {
    this.out = out;
  }

  /** Medians in texts per second; baseline figures are 0 when not measured. */
  record Result(
      String model,
      int texts,
      double oneByOne,
      double batched,
      double baselineOneByOne,
      double baselineBatched) {}

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1 || rounds < 1) {
      System.err.println("embed-bench: --batch-size and --rounds must be >= 1");
      return 2;
    }
    String language =
        lang != null ? lang : model != null ? ModelCatalogue.require(model).language() : "zh";
    ModelSpec spec =
        ModelCatalogue.require(model != null ? model : RoutingConfig.defaults().modelFor(language));
    BenchTexts source =
        textsFile != null ? FileTexts.read(textsFile) : SampleKbTexts.forLanguage(language);
    log.info("embed-bench: {} with {}", spec.name(), source.describe());
    Result result = run(spec, source.texts());
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(toJson(result)));
    } else {
      out.printf(
          "%s, %d texts: one by one %.1f texts/s, batches of %d %.1f texts/s%n",
          result.model(), result.texts(), result.oneByOne(), batchSize, result.batched());
      if (baseline) {
        out.printf(
            "plain ONNX Runtime session: one by one %.1f texts/s, batches %.1f texts/s"
                + " (encoder at %.0f%% and %.0f%% of it)%n",
            result.baselineOneByOne(),
            result.baselineBatched(),
            100 * result.oneByOne() / result.baselineOneByOne(),
            100 * result.batched() / result.baselineBatched());
      }
    }
    return 0;
  }

  private Result run(ModelSpec spec, List<String> texts) throws Exception {
    EncoderConfig config =
        EncoderConfig.defaults().withIntraOpThreads(threads).withMaxBatchSize(batchSize);
    double[] single = new double[rounds];
    double[] batch = new double[rounds];
    double[] plainSingle = new double[rounds];
    double[] plainBatch = new double[rounds];
    try (OnnxEncoder encoder = OnnxEncoder.open(spec, config);
        PlainOnnxSession plain = baseline ? new PlainOnnxSession(spec) : null) {
      Throughput.BatchCall encoderCall = encoder::embedAll;
      Throughput.BatchCall plainCall = baseline ? plain::embed : null;
      // Warm-up: first runs allocate arenas and pick kernels.
      Throughput.measure(
          encoderCall, texts.subList(0, Math.min(texts.size(), 2 * batchSize)), batchSize);
      if (baseline) {
        Throughput.measure(
            plainCall, texts.subList(0, Math.min(texts.size(), 2 * batchSize)), batchSize);
      }
      for (int r = 0; r < rounds; r++) {
        double[] one = Throughput.measurePaired(encoderCall, plainCall, texts, 1);
        double[] many = Throughput.measurePaired(encoderCall, plainCall, texts, batchSize);
        single[r] = one[0];
        plainSingle[r] = one[1];
        batch[r] = many[0];
        plainBatch[r] = many[1];
        log.info(
            "round {}: encoder {} / {} texts/s, plain session {} / {} texts/s",
            r + 1,
            Math.round(single[r]),
            Math.round(batch[r]),
            Math.round(plainSingle[r]),
            Math.round(plainBatch[r]));
      }
    }
    return new Result(
        spec.name(),
        texts.size(),
        Throughput.median(single),
        Throughput.median(batch),
        baseline ? Throughput.median(plainSingle) : 0,
        baseline ? Throughput.median(plainBatch) : 0);
  }

  ObjectNode toJson(Result r) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("model", r.model());
    root.put("texts", r.texts());
    root.put("one_by_one_per_s", Math.round(r.oneByOne() * 10) / 10.0);
    root.put("batch32_per_s", Math.round(r.batched() * 10) / 10.0);
    if (baseline) {
      ObjectNode plain = root.putObject("baseline_plain_onnx");
      plain.put("one_by_one_per_s", Math.round(r.baselineOneByOne() * 10) / 10.0);
      plain.put("batch32_per_s", Math.round(r.baselineBatched() * 10) / 10.0);
    }
    return root;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EmbedBenchCommand()).execute(args));
  }
}
