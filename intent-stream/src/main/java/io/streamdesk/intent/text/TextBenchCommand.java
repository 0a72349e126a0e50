package io.streamdesk.intent.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamdesk.intent.policy.CategoryHit;
import io.streamdesk.intent.policy.HandoffSignal;
import io.streamdesk.schemas.events.HandoffReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code text-bench}: runs the {@link TextPipeline} over a file of messages, single-threaded as the
 * topology does per partition, and reports throughput, latency percentiles and what the pipeline
 * found (PII types, policy categories, handoff reasons, per label when the file has labels). Use it
 * to check the pipeline keeps up with the encoder and to tune word lists against real traffic: it
 * prints counts only, never message text.
 *
 * <p>Input: JSONL with a {@code text} field (and optionally {@code label}, as the intent data
 * sets), or plain text with one message per line.
 */
@Command(
    name = "text-bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark the text pipeline (normalise, PII, handoff, sensitive words) on a file.")
public final class TextBenchCommand implements Callable<Integer> {

  @Spec private CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      description = "JSONL ({\"text\": ..., \"label\": ...}) or plain text, one message per line")
  private Path data;

  @Option(names = "--limit", description = "Use at most this many messages (default: all)")
  private int limit = 0;

  @Option(names = "--warmup", description = "Messages processed before timing (default: 5000)")
  private int warmup = 5000;

  @Option(names = "--repeat", description = "Timed passes over the data (default: 1)")
  private int repeat = 1;

  @Option(
      names = "--config",
      description = "Properties file with text.* settings (default: defaults)")
  private Path config;

  @Option(names = "--json", description = "Print exactly one JSON object on stdout")
  private boolean json;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TextBenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (repeat < 1 || warmup < 0 || limit < 0) {
      err.println("text-bench: --repeat must be at least 1, --warmup and --limit not negative");
      return 2;
    }
    List<Message> messages;
    TextPipelineConfig pipelineConfig;
    try {
      messages = readMessages(data, limit);
      pipelineConfig = config == null ? TextPipelineConfig.defaults() : readConfig(config);
    } catch (IllegalArgumentException | IOException e) {
      err.println("text-bench: " + e.getMessage());
      return 2;
    }
    if (messages.isEmpty()) {
      err.println("text-bench: no messages in " + data);
      return 2;
    }

    long start = System.nanoTime();
    TextPipeline pipeline = new TextPipeline(pipelineConfig);
    long startupNanos = System.nanoTime() - start;
    for (int i = 0; i < warmup; i++) {
      pipeline.process(messages.get(i % messages.size()).text());
    }

    long[] nanos = new long[messages.size() * repeat];
    Stats stats = new Stats();
    long timedStart = System.nanoTime();
    for (int r = 0; r < repeat; r++) {
      for (int i = 0; i < messages.size(); i++) {
        Message m = messages.get(i);
        long t0 = System.nanoTime();
        TextAnalysis result = pipeline.process(m.text());
        nanos[r * messages.size() + i] = System.nanoTime() - t0;
        if (r == 0) {
          stats.add(m.label(), result);
        }
      }
    }
    long timedNanos = System.nanoTime() - timedStart;

    Map<String, Object> report = report(messages.size(), startupNanos, nanos, timedNanos, stats);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(report));
    } else {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    }
    out.flush();
    return 0;
  }

  private Map<String, Object> report(
      int count, long startupNanos, long[] nanos, long timedNanos, Stats stats) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("command", "text-bench");
    r.put("data", data.toString());
    r.put("messages", count);
    r.put("timed_passes", repeat);
    r.put("startup_ms", round(startupNanos / 1e6));
    r.put("messages_per_second", round(nanos.length / (timedNanos / 1e9)));
    r.put("mean_us", round(Arrays.stream(nanos).average().orElse(0) / 1e3));
    r.put("p50_us", round(percentile(sorted, 0.50) / 1e3));
    r.put("p99_us", round(percentile(sorted, 0.99) / 1e3));
    r.put("max_us", round(sorted[sorted.length - 1] / 1e3));
    r.put("truncated", stats.truncated);
    r.put("pii_messages", stats.piiMessages);
    r.put("pii_by_type", stats.piiByType);
    r.put("policy_messages", stats.policyMessages);
    r.put("policy_hits_by_category", stats.policyByCategory);
    r.put("suggested_actions", stats.actions);
    r.put("handoff_messages", stats.handoffMessages);
    r.put("handoff_by_reason", stats.handoffByReason);
    r.put("handoff_by_priority", stats.handoffByPriority);
    if (!stats.byLabel.isEmpty()) {
      r.put("by_label", stats.byLabel);
    }
    return r;
  }

  private static double percentile(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static List<Message> readMessages(Path file, int limit) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--data " + file + " is not a readable file");
    }
    ObjectMapper mapper = new ObjectMapper();
    List<Message> messages = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size() && (limit == 0 || messages.size() < limit); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      if (line.stripLeading().startsWith("{")) {
        JsonNode node;
        try {
          node = mapper.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(file + ":" + (i + 1) + ": not valid JSON", e);
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
          throw new IllegalArgumentException(file + ":" + (i + 1) + ": no \"text\" string");
        }
        JsonNode label = node.get("label");
        messages.add(new Message(text.asText(), label == null ? null : label.asText()));
      } else {
        messages.add(new Message(line, null));
      }
    }
    return messages;
  }

  private static TextPipelineConfig readConfig(Path file) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    Map<String, String> map = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    return TextPipelineConfig.fromProperties(map);
  }

  private record Message(String text, String label) {}

  /** Counts only: no message text leaves the command. */
  private static final class Stats {
    int truncated;
    int piiMessages;
    int policyMessages;
    int handoffMessages;
    final Map<String, Integer> piiByType = new TreeMap<>();
    final Map<String, Integer> policyByCategory = new TreeMap<>();
    final Map<String, Integer> actions = new TreeMap<>();
    final Map<String, Integer> handoffByReason = new TreeMap<>();
    final Map<String, Integer> handoffByPriority = new TreeMap<>();
    final Map<String, Map<String, Integer>> byLabel = new TreeMap<>();

    void add(String label, TextAnalysis a) {
      truncated += a.truncated() ? 1 : 0;
      if (!a.piiTypes().isEmpty()) {
        piiMessages++;
        a.piiTypes().forEach(t -> piiByType.merge(t.name(), 1, Integer::sum));
      }
      if (!a.policyHits().isEmpty()) {
        policyMessages++;
        for (CategoryHit h : a.policyHits()) {
          policyByCategory.merge(h.category(), 1, Integer::sum);
        }
      }
      a.suggestedAction().ifPresent(action -> actions.merge(action.name(), 1, Integer::sum));
      if (a.handoff().shouldHandOff()) {
        handoffMessages++;
        for (HandoffSignal s : a.handoff().signals()) {
          handoffByReason.merge(s.reason().name(), 1, Integer::sum);
        }
        a.handoff().priority().ifPresent(p -> handoffByPriority.merge(p.name(), 1, Integer::sum));
      }
      if (label != null) {
        Map<String, Integer> counts = byLabel.computeIfAbsent(label, k -> new LinkedHashMap<>());
        counts.merge("messages", 1, Integer::sum);
        for (HandoffReason reason : HandoffReason.values()) {
          if (a.handoff().has(reason)) {
            counts.merge(reason.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
          }
        }
        if (!a.policyHits().isEmpty()) {
          counts.merge("policy_hit", 1, Integer::sum);
        }
      }
    }
  }
}
