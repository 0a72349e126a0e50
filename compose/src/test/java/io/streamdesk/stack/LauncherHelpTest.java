package io.streamdesk.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./cs help} is static text in the launcher (it must work before anything is built), so this
 * keeps it true: it lists every registered command and nothing that does not exist.
 */
class LauncherHelpTest {

  /** Commands the launcher itself handles, without Java. */
  private static final Set<String> LAUNCHER_COMMANDS = Set.of("test", "build", "java-home", "help");

  /** A command line of the usage text: two spaces, the command, then its description. */
  private static final Pattern COMMAND_LINE =
      Pattern.compile("^  ([a-z][a-z0-9-]*)\\b", Pattern.MULTILINE);

  @Test
  void shouldListExactlyTheRegisteredCommands() throws Exception {
    // Given the launcher's usage text and the CLI's registered subcommands
    String launcher = Files.readString(Path.of("..", "cs"));
    String usage =
        launcher.substring(
            launcher.indexOf("cat <<'EOF'"),
            launcher.indexOf("\nEOF", launcher.indexOf("cat <<'EOF'")));
    Set<String> listed = new LinkedHashSet<>();
    Matcher m = COMMAND_LINE.matcher(usage);
    while (m.find()) {
      listed.add(m.group(1));
    }
    listed.removeAll(LAUNCHER_COMMANDS);
    Set<String> registered = new CommandLine(new StreamDeskCli()).getSubcommands().keySet();

    // Then both name the same commands
    assertThat(listed).containsExactlyInAnyOrderElementsOf(registered);
  }
}
