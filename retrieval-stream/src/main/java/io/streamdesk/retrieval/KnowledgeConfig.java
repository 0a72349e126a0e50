package io.streamdesk.retrieval;

import io.streamdesk.knowledge.settings.KnowledgeSetting;
import io.streamdesk.knowledge.settings.KnowledgeSettings;
import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValues;
import io.streamdesk.runtime.config.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge module's shared keys ({@link KnowledgeSettings#KEYS}: index backend and location,
 * routing) as this service's configuration keys, so the retrieval stream reads exactly what the
 * indexer writes with, under the same names.
 */
public final class KnowledgeConfig {

  /** One typed key per knowledge setting, in the knowledge module's order. */
  public static final List<ConfigKey<?>> KEYS =
      KnowledgeSettings.KEYS.stream().map(KnowledgeConfig::key).toList();

  public static final ConfigDefinition DEFINITION =
      new ConfigDefinition("knowledge-base", KEYS, List.of());

  private KnowledgeConfig() {}

  /**
   * The settings from resolved values of a definition including {@link #DEFINITION}.
   *
   * @throws IllegalArgumentException naming each invalid key
   */
  public static KnowledgeSettings from(ConfigValues values) {
    Map<String, String> raw = new HashMap<>();
    for (ConfigKey<?> key : KEYS) {
      values
          .find(key)
          .ifPresent(v -> raw.put(key.name(), v instanceof Secret s ? s.reveal() : v.toString()));
    }
    return KnowledgeSettings.parse(raw::get);
  }

  private static ConfigKey<?> key(KnowledgeSetting setting) {
    if (setting.secret()) {
      return ConfigKey.secret(setting.name()).withDoc(setting.doc());
    }
    ConfigKey<String> key = ConfigKey.string(setting.name()).withDoc(setting.doc());
    return setting.defaultValue() == null ? key : key.withDefault(setting.defaultValue());
  }
}
