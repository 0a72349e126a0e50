package io.streamdesk.stack.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.stack.access.ClusterAccess;
import io.streamdesk.stack.access.ClusterOptions;
import io.streamdesk.stack.access.TimeArgument;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./cs replay}: re-runs a time range of customer messages through a shadow pipeline (the
 * current models and knowledge base, its own topics and application ids; nothing reaches a channel)
 * and writes a report comparing its answers with production's: intent, action, answer and citation
 * changes, answer similarity, latency.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-run the inbound messages of a time range through a shadow pipeline (intent, retrieval,"
          + " generation with the current models and knowledge base) and compare with the original"
          + " replies.",
      "Against a running ./cs up (--bootstrap/--data-dir) or the cluster of the STREAMDESK_*"
          + " configuration. Shadow topics are deleted afterwards unless --keep.",
      "Times: now, an age (2h, 30m, 1d), an ISO time (2026-05-01T10:00:00Z, 2026-05-01T10:00,"
          + " 2026-05-01) or epoch ms."
    })
public final class ReplayCommand implements Callable<Integer> {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Option(
      names = "--from",
      required = true,
      converter = TimeArgument.class,
      description = "Start of the range (inbound message time).")
  Instant from;

  @Option(
      names = "--to",
      converter = TimeArgument.class,
      description = "End of the range, exclusive (default: now).")
  Instant to;

  @Option(names = "--conversation", paramLabel = "ID", description = "Only this conversation.")
  String conversation;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Report file: .json (every message) or .md (summary and changed messages);"
              + " default: JSON on stdout.")
  Path out;

  @Option(
      names = "--prefix",
      description = "Topic prefix of the shadow pipeline (default: replay-<UTC time>.).")
  String prefix;

  @Option(
      names = "--parallel",
      description = "Conversations replayed at once (default ${DEFAULT-VALUE}).")
  int parallel = 16;

  @Option(
      names = "--message-timeout",
      description =
          "Seconds one message may take in the shadow pipeline (default ${DEFAULT-VALUE}).")
  int messageTimeout = 60;

  @Option(names = "--keep", description = "Keep the shadow topics, groups and state.")
  boolean keep;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    Replay.Request request;
    try {
      if (out != null && !(isMarkdown(out) || out.toString().endsWith(".json"))) {
        throw new IllegalArgumentException("--out must end in .json or .md, got " + out);
      }
      request =
          new Replay.Request(
              from,
              to == null ? now : to,
              Optional.ofNullable(conversation),
              prefix == null ? "replay-" + STAMP.format(now) + "." : prefix,
              cluster.overrides(),
              parallel,
              Duration.ofSeconds(messageTimeout),
              keep);
    } catch (IllegalArgumentException e) {
      err.println("replay: " + e.getMessage());
      return 2;
    }
    ReplayReport report;
    try (ClusterAccess access = ClusterAccess.connect(cluster)) {
      err.println("replay: " + access.describe());
      err.flush();
      report = Replay.run(access, request);
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("replay: " + e.getMessage());
      return 2;
    }
    write(report);
    ObjectNode s = report.summaryJson();
    err.printf(
        "replay: %d messages, %d compared: %d intent, %d action, %d answer, %d citation changes%s%n",
        s.path("messages").asLong(),
        s.path("compared").asLong(),
        s.path("intent_changes").asLong(),
        s.path("action_changes").asLong(),
        s.path("answer_changes").asLong(),
        s.path("citation_changes").asLong(),
        out == null ? "" : "; report " + out.toAbsolutePath());
    err.flush();
    return 0;
  }

  private void write(ReplayReport report) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(mapper.writeValueAsString(report.toJson()));
      stdout.flush();
      return;
    }
    String text =
        isMarkdown(out)
            ? ReplayMarkdown.render(report)
            : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report.toJson());
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, text, StandardCharsets.UTF_8);
  }

  private static boolean isMarkdown(Path file) {
    return file.toString().endsWith(".md");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReplayCommand()).execute(args));
  }
}
