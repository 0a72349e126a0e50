package io.streamdesk.stack.export;

import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.stack.access.ClusterAccess;
import io.streamdesk.stack.access.ClusterOptions;
import io.streamdesk.stack.access.TimeArgument;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./cs export}: the conversations of a time range as JSONL in the fine-tuning format, PII
 * masked (see {@link ConversationExport} for where each field comes from).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write the conversations of a time range as JSONL in the fine-tuning format"
          + " {\"conversations\": [{\"role\", \"content\"}], \"intent\", \"domain\"}, one line per"
          + " conversation, PII masked (customer turns are the masked text of"
          + " cs.messages.classified; the raw inbound text is never read).",
      "Times: now, an age (2h, 30m, 1d), an ISO time (2026-05-01T10:00:00Z, 2026-05-01T10:00,"
          + " 2026-05-01) or epoch ms."
    })
public final class ExportCommand implements Callable<Integer> {

  @Option(
      names = "--from",
      required = true,
      converter = TimeArgument.class,
      description = "Start of the range (customer message time).")
  Instant from;

  @Option(
      names = "--to",
      converter = TimeArgument.class,
      description = "End of the range, exclusive (default: now).")
  Instant to;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "JSONL file.")
  Path out;

  @Option(names = "--conversation", paramLabel = "ID", description = "Only this conversation.")
  String conversation;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ConversationExport.Request request;
    try {
      request =
          new ConversationExport.Request(
              from, to == null ? Instant.now() : to, Optional.ofNullable(conversation));
    } catch (IllegalArgumentException e) {
      err.println("export: " + e.getMessage());
      return 2;
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // Written next to the target and moved in place, so a failed export leaves no half file.
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    ConversationExport.Summary summary = null;
    try (ClusterAccess access = ClusterAccess.connect(cluster);
        Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      err.println("export: " + access.describe());
      err.flush();
      summary = ConversationExport.run(access, request, writer);
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("export: " + e.getMessage());
      return 2;
    } finally {
      if (summary == null) {
        Files.deleteIfExists(partial);
      }
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    err.printf(
        "export: %d conversations to %s (%d customer messages, %d answered; %d conversations"
            + " without an answer skipped; %d unreadable records)%n",
        summary.conversations(),
        out.toAbsolutePath(),
        summary.customerMessages(),
        summary.answered(),
        summary.skippedConversations(),
        summary.unreadable());
    err.flush();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ExportCommand()).execute(args));
  }
}
