package io.streamdesk.runtime.config;

import java.util.List;
import java.util.ServiceLoader;

/**
 * How a module contributes its configuration to the reference: implement this and list the class in
 * {@code META-INF/services/io.streamdesk.runtime.config.ConfigDefinitionProvider}. {@link
 * ConfigReferenceCommand} prints every definition on the classpath.
 */
public interface ConfigDefinitionProvider {

  /** The component's definition, shared definitions included or not. */
  ConfigDefinition definition();

  /** Every provider on the classpath, sorted by component name. */
  static List<ConfigDefinition> all() {
    return ServiceLoader.load(ConfigDefinitionProvider.class).stream()
        .map(p -> p.get().definition())
        .sorted(java.util.Comparator.comparing(ConfigDefinition::component))
        .toList();
  }
}
