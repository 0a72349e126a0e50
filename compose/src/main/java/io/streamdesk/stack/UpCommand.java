package io.streamdesk.stack;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./cs up}: the whole product on one machine. Starts the local stack, prints what runs
 * where, and stops everything cleanly on Ctrl-C.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run the local stack: an embedded Kafka broker, every service, the sample knowledge base"
          + " and the chat page, in one JVM.",
      "Data (topics, state, index) stays under --data-dir, so a restart keeps conversations and"
          + " the knowledge base."
    })
public final class UpCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      defaultValue = ".streamdesk",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Chat page and HTTP API port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--ops-port",
      defaultValue = "9400",
      description = "Health and metrics port (default: ${DEFAULT-VALUE}).")
  int opsPort;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description =
          "Embedded Kafka port, for your own producers and consumers (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int kafkaPort;

  @Option(
      names = "--generator",
      defaultValue = "extractive",
      description =
          "Reply generator: extractive (no model, answers from the passages), onnx (--model-dir) or openai (an OpenAI-compatible server, see generation.openai.* keys). Default: ${DEFAULT-VALUE}.")
  String generator;

  @Option(
      names = "--model-dir",
      description =
          "Model directory for --generator onnx (Hugging Face Optimum text-generation-with-past layout).")
  Path modelDir;

  @Option(
      names = "--kb",
      description = "Files or folders to index instead of the sample knowledge base.",
      split = ",")
  List<Path> knowledgeBase = List.of();

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "Partitions of the conversation topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = {"-D", "--set"},
      description =
          "Any configuration key of any service, e.g. -D generation.openai.url=http://localhost:8000/v1")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    LocalStackOptions options;
    try {
      options =
          new LocalStackOptions(
              dataDir,
              port,
              opsPort,
              kafkaPort,
              generator,
              modelDir,
              knowledgeBase,
              partitions,
              overrides);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    Optional<String> busy = PortCheck.firstBusy(options);
    if (busy.isPresent()) {
      spec.commandLine().getErr().println(busy.get());
      return 2;
    }
    LocalStack stack = new LocalStack(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("local-stack-shutdown")
                .unstarted(
                    () -> {
                      stack.close();
                      stopped.countDown();
                    }));
    try {
      stack.start();
    } catch (RuntimeException e) {
      // the services logged the details; the newcomer gets the reason in one line
      spec.commandLine().getErr().println("StreamDesk did not start: " + rootMessage(e));
      return 1;
    }
    printWhatRunsWhere(stack, spec.commandLine().getErr());
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }

  private static void printWhatRunsWhere(LocalStack stack, PrintWriter out) {
    LocalStackOptions o = stack.options();
    out.printf("%nStreamDesk is up.%n");
    out.printf("  Chat page        http://localhost:%d/%n", o.httpPort());
    out.printf("  HTTP API docs    http://localhost:%d/docs%n", o.httpPort());
    out.printf("  Health, metrics  %s/health  %s/metrics%n", stack.ops().uri(), stack.ops().uri());
    out.printf(
        "  Kafka            %s (schema registry: in-process mock://)%n", stack.bootstrapServers());
    out.printf("  Generator        %s%n", o.generator());
    stack
        .knowledgeBaseSummary()
        .ifPresent(
            s ->
                out.printf(
                    "  Knowledge base   version %d (%d documents)%n",
                    s.kbVersion(), s.results().size()));
    out.printf("  Data             %s%n", o.dataDir().toAbsolutePath());
    out.printf("  Services         %s%n", stack.services().stream().map(s -> s.name()).toList());
    out.printf("Press Ctrl-C to stop.%n");
    out.flush();
  }
}
