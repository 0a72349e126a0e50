package io.streamdesk.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.intent.IntentStreamConfig;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.stack.LocalStack;
import io.streamdesk.stack.LocalStackOptions;
import io.streamdesk.stack.access.ClusterAccess;
import io.streamdesk.stack.access.ClusterOptions;
import io.streamdesk.stack.access.WorkDirectory;
import io.streamdesk.stack.bench.BenchConversations.Script;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./cs bench}: drives the whole pipeline through Kafka with scripted multi-turn customer
 * conversations at a target rate and reports messages sent, replied, duplicated and dead-lettered,
 * throughput, end-to-end latency (inbound produced to reply consumed, read_committed), per-stage
 * latency from the replies' timings, and the encoder's one-by-one throughput in the same run with
 * the pipeline/encoder ratio.
 *
 * <p>By default it starts its own local stack in this JVM on a temporary data directory (extractive
 * generator, sample knowledge base), so the figure is reproducible; {@code --bootstrap} / {@code
 * --data-dir} measure a running {@code ./cs up} instead. See {@link LoadDriver} for the load model.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Drive the whole pipeline through Kafka with multi-turn conversations and report"
          + " throughput, end-to-end and per-stage latency, and the encoder's own throughput.",
      "Starts its own local stack (extractive generator) unless --bootstrap/--data-dir name a"
          + " running ./cs up."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--rate",
      description =
          "Target messages per second (default ${DEFAULT-VALUE}); 0 = as fast as the customers"
              + " get replies (the pipeline's maximum).")
  double rate = 50;

  @Option(names = "--duration", description = "Measured seconds (default ${DEFAULT-VALUE}).")
  int duration = 60;

  @Option(
      names = "--warmup",
      description =
          "Seconds of load before measuring (default ${DEFAULT-VALUE}): the JIT compiles the"
              + " broker's, the clients' and the services' hot paths under load for about a"
              + " minute, taking up to a core of a 2-core host while it does.")
  int warmup = 60;

  @Option(
      names = "--conversations",
      description =
          "Customers in parallel, each waiting for its reply before its next turn (default"
              + " ${DEFAULT-VALUE}).")
  int conversations = 100;

  @Option(
      names = "--corpus",
      description =
          "JSONL of {\"id\", \"language\", \"turns\": [{\"text\"}]} conversations (default: the"
              + " bundled 75 zh/en conversations).")
  Path corpus;

  @Option(
      names = "--partitions",
      description = "Partitions of the own stack's conversation topics (default ${DEFAULT-VALUE}).")
  int partitions = 3;

  @Option(
      names = "--drain-timeout",
      description =
          "Seconds to wait after the window for the last replies; what is still missing then is"
              + " lost (default ${DEFAULT-VALUE}).")
  int drainTimeout = 30;

  @Option(names = "--json", description = "Print only the JSON report on stdout.")
  boolean json;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PipelineBench.Settings settings;
    List<Script> scripts;
    IntentStreamConfig encoderConfig;
    try {
      settings =
          new PipelineBench.Settings(
              rate,
              Duration.ofSeconds(warmup),
              Duration.ofSeconds(duration),
              conversations,
              Duration.ofSeconds(drainTimeout),
              Duration.ofSeconds(30));
      scripts = corpus == null ? BenchConversations.bundled() : BenchConversations.read(corpus);
      encoderConfig = IntentStreamConfig.load(Configuration.load(cluster.overrides()));
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("bench: " + e.getMessage());
      return 2;
    }
    ObjectNode report =
        cluster.namesLocalStack()
            ? againstRunningStack(settings, scripts, encoderConfig)
            : withOwnStack(settings, scripts, encoderConfig);
    print(report);
    return report.path("lost").asLong() == 0 && report.path("duplicates").asLong() == 0 ? 0 : 1;
  }

  private ObjectNode withOwnStack(
      PipelineBench.Settings settings, List<Script> scripts, IntentStreamConfig encoderConfig)
      throws InterruptedException {
    try (WorkDirectory data = WorkDirectory.create("streamdesk-bench-", false)) {
      LocalStackOptions options =
          new LocalStackOptions(
              data.path(), 0, 0, 0, "extractive", null, List.of(), partitions, cluster.overrides());
      try (LocalStack stack = new LocalStack(options).start();
          ClusterAccess access =
              ClusterAccess.inProcess(stack.kafka(), stack.serdes(), cluster.overrides())) {
        ObjectNode report = PipelineBench.run(access, encoderConfig, scripts, settings);
        ObjectNode target = report.putObject("stack");
        target.put("mode", "in-process local stack");
        target.put("generator", "extractive");
        target.put("partitions", partitions);
        putOverrides(target);
        return report;
      }
    }
  }

  private ObjectNode againstRunningStack(
      PipelineBench.Settings settings, List<Script> scripts, IntentStreamConfig encoderConfig)
      throws InterruptedException {
    try (ClusterAccess access = ClusterAccess.connect(cluster)) {
      ObjectNode report = PipelineBench.run(access, encoderConfig, scripts, settings);
      ObjectNode target = report.putObject("stack");
      target.put("mode", "running stack");
      target.put("cluster", access.describe());
      putOverrides(target);
      return report;
    }
  }

  private void putOverrides(ObjectNode target) {
    ObjectNode overrides = target.putObject("overrides");
    cluster.overrides().forEach(overrides::put);
  }

  private void print(ObjectNode report) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    if (json) {
      out.println(mapper.writeValueAsString(report));
    } else {
      out.printf(
          "sent %d, replied %d, dlq %d, lost %d, duplicates %d%n",
          report.path("sent").asLong(),
          report.path("replied").asLong(),
          report.path("dlq").asLong(),
          report.path("lost").asLong(),
          report.path("duplicates").asLong());
      out.printf(
          "throughput %.1f msg/s (target %s, sent %.1f msg/s); encoder alone %.1f/s; ratio %.3f%n",
          report.path("throughput_msgs_per_s").asDouble(),
          rate == 0 ? "max" : Double.toString(rate),
          report.path("send_rate_msgs_per_s").asDouble(),
          report.path("encoder_per_s").asDouble(),
          report.path("ratio_to_encoder").asDouble());
      JsonNode latency = report.path("latency_ms");
      out.printf(
          "end-to-end ms: p50 %s  p95 %s  p99 %s  max %s%n",
          latency.path("p50"), latency.path("p95"), latency.path("p99"), latency.path("max"));
      for (Map.Entry<String, JsonNode> stage : report.path("stage_latency_ms").properties()) {
        JsonNode s = stage.getValue();
        out.printf(
            "  %-14s p50 %s  p95 %s  p99 %s%n",
            stage.getKey(), s.path("p50"), s.path("p95"), s.path("p99"));
      }
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }
    out.flush();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }
}
