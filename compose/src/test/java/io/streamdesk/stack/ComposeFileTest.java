package io.streamdesk.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigDefinitionProvider;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.service.ServiceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose deployment configures the services through environment variables; a misspelt one is
 * silently ignored by a container, so every {@code STREAMDESK_*} name in {@code docker-compose.yml}
 * must be the variable of a documented key (or of a documented pass-through prefix).
 */
class ComposeFileTest {

  private static final Pattern VARIABLE = Pattern.compile("\\b(STREAMDESK_[A-Z0-9_]+)\\s*:");

  @Test
  void shouldSetOnlyVariablesOfDocumentedKeys() throws Exception {
    // Given every variable the compose file sets
    String compose = Files.readString(Path.of("docker-compose.yml"));
    Set<String> used = new TreeSet<>();
    Matcher m = VARIABLE.matcher(compose);
    while (m.find()) {
      used.add(m.group(1));
    }
    assertThat(used).isNotEmpty();

    // and the variables of every key and pass-through prefix the services document
    List<ConfigDefinition> definitions = new ArrayList<>(ConfigDefinitionProvider.all());
    ServiceFactory.all().forEach(f -> definitions.add(f.configDefinition()));
    Set<String> known = new HashSet<>();
    List<String> prefixes = new ArrayList<>();
    for (ConfigDefinition d : definitions) {
      d.keys().forEach(k -> known.add(k.environmentVariable()));
      d.passThroughs().forEach(p -> prefixes.add(ConfigKey.environmentVariable(p.prefix())));
    }

    // Then each one the compose file sets is one of them
    assertThat(used)
        .allSatisfy(
            variable ->
                assertThat(
                        known.contains(variable)
                            || prefixes.stream().anyMatch(variable::startsWith))
                    .as(variable + " names a documented key")
                    .isTrue());
  }
}
