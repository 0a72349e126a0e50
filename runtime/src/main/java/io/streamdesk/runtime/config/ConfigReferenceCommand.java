package io.streamdesk.runtime.config;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints the configuration reference of every component on the classpath (see {@link
 * ConfigDefinitionProvider}) as Markdown on stdout, for the README or a terminal.
 */
@Command(
    name = "config-reference",
    mixinStandardHelpOptions = true,
    description =
        "Print every configuration key (type, default, environment variable, doc) as Markdown.")
public final class ConfigReferenceCommand implements Callable<Integer> {

  @Option(
      names = "--component",
      description = "Only these components (e.g. kafka, streams, intent-stream).",
      split = ",")
  List<String> components = List.of();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<ConfigDefinition> definitions =
        ConfigDefinitionProvider.all().stream()
            .filter(d -> components.isEmpty() || components.contains(d.component()))
            .toList();
    if (definitions.isEmpty()) {
      spec.commandLine().getErr().println("no configuration definitions match " + components);
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(ConfigReference.markdown(definitions.toArray(ConfigDefinition[]::new)));
    out.flush();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ConfigReferenceCommand()).execute(args));
  }
}
