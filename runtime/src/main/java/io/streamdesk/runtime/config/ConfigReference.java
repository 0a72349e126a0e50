package io.streamdesk.runtime.config;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Renders the configuration reference of components (for the README and {@code --help}). */
public final class ConfigReference {

  private ConfigReference() {}

  /**
   * A Markdown reference: how values are layered, then one table per definition.
   *
   * @param definitions the components to document, in order
   */
  public static String markdown(ConfigDefinition... definitions) {
    String intro =
        """
        Every key can be set, highest priority first, in code (local stack), as a system property
        (`-Dkafka.bootstrap.servers=...`), as an environment variable (`STREAMDESK_` + the key in
        upper case, dots and dashes as `_`), or in the properties file named by `config.file`;
        otherwise its default applies. Durations take `250ms`, `5s`, `2m`, `1h`, `7d` or ISO-8601.
        Secrets are never printed.

        """;
    return intro
        + Stream.of(definitions)
            .map(ConfigDefinition::toMarkdown)
            .collect(Collectors.joining("\n"));
  }
}
