package io.streamdesk.kb.consumer;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigDefinitionProvider;

/** Contributes the kb-indexer service's {@code cs.kb.documents} consumer keys to the reference. */
public final class KbConsumerConfigDefinition implements ConfigDefinitionProvider {

  @Override
  public ConfigDefinition definition() {
    return KbConsumerConfig.DEFINITION;
  }
}
