package io.streamdesk.intent;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigDefinitionProvider;

/** Contributes the intent stream's own keys to {@code ./cs config-reference}. */
public final class IntentStreamConfigDefinition implements ConfigDefinitionProvider {

  @Override
  public ConfigDefinition definition() {
    return IntentStreamConfig.OWN_DEFINITION;
  }
}
