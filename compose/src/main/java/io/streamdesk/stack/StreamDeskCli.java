package io.streamdesk.stack;

import io.streamdesk.dispatcher.bench.DispatchBenchCommand;
import io.streamdesk.generation.bench.GenBenchCommand;
import io.streamdesk.ingest.admin.AdminKeyCommand;
import io.streamdesk.ingest.auth.ApiKeyCommand;
import io.streamdesk.ingest.bench.IngestBenchCommand;
import io.streamdesk.intent.bench.IntentBenchCommand;
import io.streamdesk.intent.cli.IntentEvalCommand;
import io.streamdesk.intent.cli.IntentTrainCommand;
import io.streamdesk.intent.text.TextBenchCommand;
import io.streamdesk.kb.bench.EmbedBenchCommand;
import io.streamdesk.kb.eval.RetrievalEvalCommand;
import io.streamdesk.kb.index.IndexCommand;
import io.streamdesk.retrieval.bench.RetrievalBenchCommand;
import io.streamdesk.retrieval.bench.RetrievalCalibrateCommand;
import io.streamdesk.runtime.bench.HopLatencyCommand;
import io.streamdesk.runtime.config.ConfigReferenceCommand;
import io.streamdesk.runtime.logging.WarningStatusListener;
import io.streamdesk.stack.bench.BenchCommand;
import io.streamdesk.stack.export.ExportCommand;
import io.streamdesk.stack.replay.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point behind {@code ./cs}: one picocli command whose subcommands come from the modules
 * (each module owns its commands; this class only lists them).
 */
@Command(
    name = "cs",
    mixinStandardHelpOptions = true,
    version = "StreamDesk 0.1.0",
    description = "StreamDesk: an event-driven customer-service assistant on Apache Kafka.",
    subcommands = {
      UpCommand.class,
      ServiceCommand.class,
      TopicsCommand.class,
      IndexCommand.class,
      RetrievalEvalCommand.class,
      EmbedBenchCommand.class,
      IntentTrainCommand.class,
      IntentEvalCommand.class,
      IntentBenchCommand.class,
      RetrievalBenchCommand.class,
      RetrievalCalibrateCommand.class,
      TextBenchCommand.class,
      GenBenchCommand.class,
      DispatchBenchCommand.class,
      IngestBenchCommand.class,
      ApiKeyCommand.class,
      AdminKeyCommand.class,
      ConfigReferenceCommand.class,
      HopLatencyCommand.class,
      BenchCommand.class,
      ReplayCommand.class,
      ExportCommand.class,
    })
public final class StreamDeskCli implements Runnable {

  private static final String LOGBACK_STATUS_LISTENER = "logback.statusListenerClass";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  public static void main(String[] args) {
    // Logback prints its start-up status on stdout when it has a warning to tell (two logback.xml
    // on the classpath, say); stdout belongs to the commands (one JSON object with --json), so
    // its warnings go to stderr and its routine INFO status nowhere.
    if (System.getProperty(LOGBACK_STATUS_LISTENER) == null) {
      System.setProperty(LOGBACK_STATUS_LISTENER, WarningStatusListener.class.getName());
    }
    int exitCode =
        new CommandLine(new StreamDeskCli())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args);
    System.exit(exitCode);
  }
}
