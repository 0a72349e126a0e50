package io.streamdesk.generation.service;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigDefinitionProvider;

/** Contributes the generation worker's keys to the configuration reference. */
public final class GenerationConfigDefinition implements ConfigDefinitionProvider {

  @Override
  public ConfigDefinition definition() {
    return GenerationWorkerConfig.DEFINITION;
  }
}
