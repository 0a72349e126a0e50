package io.streamdesk.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** A Java properties file (UTF-8), read once. */
final class PropertiesFileSource extends MapSource {

  private PropertiesFileSource(Path file, Map<String, String> values) {
    super("file " + file, values);
  }

  static ConfigSource load(Path file, boolean required) {
    if (!Files.exists(file)) {
      if (required) {
        throw new ConfigException(
            "configuration", java.util.List.of("config file " + file + " does not exist"));
      }
      return new PropertiesFileSource(file, Map.of());
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(
          "configuration", java.util.List.of("config file " + file + " is unreadable: " + e));
    }
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
    return new PropertiesFileSource(file, values);
  }
}
