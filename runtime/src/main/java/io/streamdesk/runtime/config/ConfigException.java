package io.streamdesk.runtime.config;

import java.util.List;

/**
 * A configuration that cannot be used, with every problem found (not just the first), so one
 * start-up attempt shows everything to fix. Messages never contain secret values.
 */
public class ConfigException extends RuntimeException {

  private final String component;
  private final List<String> problems;

  public ConfigException(String component, List<String> problems) {
    super(message(component, problems));
    this.component = component;
    this.problems = List.copyOf(problems);
  }

  /** Which component's configuration failed, e.g. intent-stream. */
  public String component() {
    return component;
  }

  /** Each problem as one line. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String component, List<String> problems) {
    StringBuilder out = new StringBuilder("Invalid configuration of ").append(component);
    out.append(problems.size() == 1 ? " (1 problem):" : " (" + problems.size() + " problems):");
    problems.forEach(p -> out.append("\n  - ").append(p));
    return out.toString();
  }
}
