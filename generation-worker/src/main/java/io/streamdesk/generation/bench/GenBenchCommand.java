package io.streamdesk.generation.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.GenerationRequest;
import io.streamdesk.generation.llm.GenerationResult;
import io.streamdesk.generation.llm.SamplingParams;
import io.streamdesk.generation.llm.StreamListener;
import io.streamdesk.generation.llm.onnx.OnnxChatModel;
import io.streamdesk.generation.llm.onnx.OnnxChatModelConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures the ONNX decoder under concurrent load: for each concurrency level, that many clients
 * each send requests one after another (closed loop) and the command reports generated tokens per
 * second over all of them and the time to first token (p50, p99). With {@code --json} it prints one
 * JSON object: {@code model_dir}, {@code results} (each with {@code concurrency}, {@code
 * tokens_per_s}, {@code ttft_ms_p50}, {@code ttft_ms_p99}, plus request and token counts, wall and
 * process CPU seconds and tokens per CPU second). Replies are fixed-length by default ({@code
 * --min-new-tokens} = {@code --max-new-tokens}) so levels compare like for like.
 */
@Command(
    name = "gen-bench",
    mixinStandardHelpOptions = true,
    description =
        "Throughput and time to first token of the ONNX decoder at several concurrencies.")
public final class GenBenchCommand implements Callable<Integer> {

  /** The committed test model, relative to the repository root. */
  static final String FIXTURE = "generation-worker/src/test/resources/tiny-llm";

  private static final List<String> QUESTIONS =
      List.of(
          "How long does delivery to Chengdu take?",
          "寄到杭州要多久？",
          "What is the warranty on the laptop?",
          "可以退货吗？",
          "Where is my order 20240611?",
          "支持哪些付款方式？",
          "How do I cancel my order?",
          "积分怎么用？");

  @Spec CommandSpec spec;

  @Option(
      names = "--model-dir",
      defaultValue = FIXTURE,
      description =
          "Optimum text-generation-with-past export (default: the test model ${DEFAULT-VALUE}).")
  Path modelDir;

  @Option(
      names = "--concurrency",
      split = ",",
      defaultValue = "1,4,16",
      description = "Concurrent clients per level (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrency;

  @Option(
      names = "--requests-per-client",
      defaultValue = "8",
      description = "Requests each client sends one after another (default: ${DEFAULT-VALUE}).")
  int requestsPerClient;

  @Option(
      names = "--max-new-tokens",
      defaultValue = "64",
      description = "Token limit per reply (default: ${DEFAULT-VALUE}).")
  int maxNewTokens;

  @Option(
      names = "--min-new-tokens",
      defaultValue = "-1",
      description =
          "End tokens are ignored until this many tokens (default: --max-new-tokens, i.e."
              + " fixed-length replies, like vLLM's --ignore-eos; 0 = stop at the model's end token).")
  int minNewTokens;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu or cuda (cuda needs the -Pgpu build; falls back to CPU).")
  String device;

  @Option(
      names = "--intra-op-threads",
      defaultValue = "0",
      description = "ONNX Runtime threads per forward pass; 0 = one per core.")
  int intraOpThreads;

  @Option(
      names = "--max-batch-size",
      defaultValue = "16",
      description = "Sequences decoded together (default: ${DEFAULT-VALUE}).")
  int maxBatchSize;

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  public static void main(String[] args) {
    System.exit(new CommandLine(new GenBenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(modelDir)) {
      spec.commandLine()
          .getErr()
          .println(
              "model directory "
                  + modelDir.toAbsolutePath()
                  + " not found; pass --model-dir (the test model is "
                  + FIXTURE
                  + " under the repository root)");
      return 2;
    }
    if (concurrency.stream().anyMatch(c -> c < 1) || requestsPerClient < 1 || maxNewTokens < 1) {
      spec.commandLine().getErr().println("concurrency, requests and tokens must be >= 1");
      return 2;
    }
    OnnxChatModelConfig config =
        OnnxChatModelConfig.fromMap(
                java.util.Map.of("model-dir", modelDir.toString(), "device", device))
            .withIntraOpThreads(intraOpThreads)
            .withMaxBatchSize(maxBatchSize);
    List<LevelResult> results = new ArrayList<>();
    String usedDevice;
    try (OnnxChatModel model = OnnxChatModel.open(config)) {
      usedDevice = model.device().name().toLowerCase(Locale.ROOT);
      runLevel(model, 1, 2); // warm-up: JIT, ONNX Runtime allocations
      runLevel(model, Collections.max(concurrency), 1);
      for (int level : concurrency) {
        results.add(runLevel(model, level, requestsPerClient));
      }
    }
    print(results, usedDevice);
    return 0;
  }

  private LevelResult runLevel(OnnxChatModel model, int clients, int perClient) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<GenerationResult> done = Collections.synchronizedList(new ArrayList<>());
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perClient; i++) {
                    int n = next.getAndIncrement();
                    GenerationRequest request =
                        new GenerationRequest(
                            "bench-" + n,
                            List.of(ChatMessage.user(QUESTIONS.get(n % QUESTIONS.size()))),
                            SamplingParams.defaults()
                                .withMaxNewTokens(maxNewTokens)
                                .withMinNewTokens(effectiveMinNewTokens())
                                .withSeed((long) n));
                    done.add(model.generate(request, StreamListener.NONE).join());
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    long tokens = done.stream().mapToLong(GenerationResult::completionTokens).sum();
    List<Double> ttft =
        done.stream().map(r -> r.timeToFirstToken().toNanos() / 1e6).sorted().toList();
    return new LevelResult(
        clients,
        done.size(),
        tokens,
        seconds,
        cpuSeconds,
        tokens / seconds,
        percentile(ttft, 50),
        percentile(ttft, 99));
  }

  private int effectiveMinNewTokens() {
    return minNewTokens < 0 ? maxNewTokens : minNewTokens;
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(List<Double> sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private void print(List<LevelResult> results, String usedDevice) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      root.put("model_dir", modelDir.toString());
      root.put("device", usedDevice);
      root.put("max_new_tokens", maxNewTokens);
      root.put("min_new_tokens", effectiveMinNewTokens());
      ArrayNode list = root.putArray("results");
      for (LevelResult r : results) {
        ObjectNode node = list.addObject();
        node.put("concurrency", r.concurrency());
        node.put("tokens_per_s", round(r.tokensPerSecond()));
        node.put("ttft_ms_p50", round(r.ttftP50()));
        node.put("ttft_ms_p99", round(r.ttftP99()));
        node.put("requests", r.requests());
        node.put("completion_tokens", r.tokens());
        node.put("wall_s", round(r.seconds()));
        node.put("cpu_s", round(r.cpuSeconds()));
        node.put("tokens_per_cpu_s", round(r.tokens() / r.cpuSeconds()));
      }
      out.println(mapper.writeValueAsString(root));
    } else {
      out.printf("model %s on %s, max %d new tokens%n", modelDir, usedDevice, maxNewTokens);
      out.printf(
          "%11s %9s %8s %12s %12s %12s %14s%n",
          "concurrency",
          "requests",
          "tokens",
          "tokens/s",
          "ttft p50 ms",
          "ttft p99 ms",
          "tokens/cpu s");
      for (LevelResult r : results) {
        out.printf(
            Locale.ROOT,
            "%11d %9d %8d %12.1f %12.1f %12.1f %14.1f%n",
            r.concurrency(),
            r.requests(),
            r.tokens(),
            r.tokensPerSecond(),
            r.ttftP50(),
            r.ttftP99(),
            r.tokens() / r.cpuSeconds());
      }
    }
    out.flush();
  }

  /**
   * CPU time of the whole process (all threads, ONNX Runtime's included): tokens per CPU second
   * shows what batching saves even where other processes share the cores and skew wall time.
   */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  record LevelResult(
      int concurrency,
      int requests,
      long tokens,
      double seconds,
      double cpuSeconds,
      double tokensPerSecond,
      double ttftP50,
      double ttftP99) {}
}
