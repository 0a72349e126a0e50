package io.streamdesk.retrieval;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigDefinitionProvider;

/** Contributes the retrieval stream's own keys to {@code ./cs config-reference}. */
public final class RetrievalStreamConfigDefinition implements ConfigDefinitionProvider {

  @Override
  public ConfigDefinition definition() {
    return RetrievalStreamConfig.OWN_DEFINITION;
  }
}
