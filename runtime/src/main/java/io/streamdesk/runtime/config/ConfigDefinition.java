package io.streamdesk.runtime.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys one component reads, plus the prefixes it passes through untyped (for example {@code
 * kafka.*} to the Kafka clients). A service's definition usually {@link #including includes} shared
 * ones such as {@link KafkaSettings#DEFINITION}. {@link #toMarkdown()} renders the reference.
 *
 * @param component name used in error messages and the reference, e.g. intent-stream
 * @param keys declared keys, in reference order
 * @param passThroughs untyped prefixes, each with its doc
 */
public record ConfigDefinition(
    String component, List<ConfigKey<?>> keys, List<PassThrough> passThroughs) {

  /**
   * A prefix whose keys are handed on as they are, prefix stripped.
   *
   * @param prefix e.g. {@code kafka.}
   * @param doc what receives them
   */
  public record PassThrough(String prefix, String doc) {
    public PassThrough {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(doc, "doc");
      if (!prefix.endsWith(".")) {
        throw new IllegalArgumentException("pass-through prefix must end with '.': " + prefix);
      }
    }
  }

  public ConfigDefinition {
    Objects.requireNonNull(component, "component");
    keys = List.copyOf(keys);
    passThroughs = List.copyOf(passThroughs);
    Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
    for (ConfigKey<?> key : keys) {
      ConfigKey<?> previous = byName.put(key.name(), key);
      if (previous != null && previous != key) {
        throw new IllegalArgumentException(
            component + ": config key " + key.name() + " is declared twice, differently");
      }
    }
  }

  public static ConfigDefinition of(String component, ConfigKey<?>... keys) {
    return new ConfigDefinition(component, List.of(keys), List.of());
  }

  /** This definition plus an untyped pass-through prefix. */
  public ConfigDefinition withPassThrough(String prefix, String doc) {
    List<PassThrough> all = new ArrayList<>(passThroughs);
    all.add(new PassThrough(prefix, doc));
    return new ConfigDefinition(component, keys, all);
  }

  /** This definition plus the keys and pass-throughs of others (shared keys once). */
  public ConfigDefinition including(ConfigDefinition... others) {
    Map<String, ConfigKey<?>> all = new LinkedHashMap<>();
    keys.forEach(k -> all.put(k.name(), k));
    List<PassThrough> prefixes = new ArrayList<>(passThroughs);
    for (ConfigDefinition other : others) {
      for (ConfigKey<?> key : other.keys()) {
        ConfigKey<?> mine = all.putIfAbsent(key.name(), key);
        if (mine != null && !mine.equals(key)) {
          throw new IllegalArgumentException(
              component + " and " + other.component() + " declare " + key.name() + " differently");
        }
      }
      other.passThroughs().stream().filter(p -> !prefixes.contains(p)).forEach(prefixes::add);
    }
    return new ConfigDefinition(component, List.copyOf(all.values()), prefixes);
  }

  /** The key of that name, if declared. */
  public java.util.Optional<ConfigKey<?>> key(String name) {
    return keys.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /** The reference as a Markdown section: one table row per key, then the pass-throughs. */
  public String toMarkdown() {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(component).append("\n\n");
    out.append("| key | type | default | environment variable | description |\n");
    out.append("|---|---|---|---|---|\n");
    for (ConfigKey<?> key : keys) {
      String dflt =
          key.isRequired()
              ? "**required**"
              : key.defaultValue() == null ? "" : key.formattedDefault();
      out.append("| `")
          .append(key.name())
          .append("` | ")
          .append(key.type().name())
          .append(" | ")
          .append(dflt.isEmpty() || dflt.startsWith("**") ? dflt : "`" + dflt + "`")
          .append(" | `")
          .append(key.environmentVariable())
          .append("` | ")
          .append(key.doc().replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    }
    for (PassThrough p : passThroughs) {
      out.append("| `")
          .append(p.prefix())
          .append("*` | pass-through | | `")
          .append(ConfigKey.environmentVariable(p.prefix()))
          .append("*` | ")
          .append(p.doc().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }
}
