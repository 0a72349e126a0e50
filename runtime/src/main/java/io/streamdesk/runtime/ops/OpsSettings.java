package io.streamdesk.runtime.ops;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import io.streamdesk.runtime.config.Configuration;

/**
 * Where a service's ops endpoint ({@code /health}, {@code /metrics}) listens.
 *
 * @param host {@code ops.host}
 * @param port {@code ops.port}; 0 picks a free port
 */
public record OpsSettings(String host, int port) {

  public static final ConfigKey<String> HOST =
      ConfigKey.string("ops.host")
          .withDefault("127.0.0.1")
          .withDoc("Interface of the ops endpoint; 0.0.0.0 in containers so Prometheus can scrape.")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<Integer> PORT =
      ConfigKey.integer("ops.port")
          .withDefault(9400)
          .withDoc("Port of the ops endpoint (/health, /metrics); 0 picks a free port.")
          .withValidator(ConfigValidator.between(0, 65535));

  public static final ConfigDefinition DEFINITION = ConfigDefinition.of("ops", HOST, PORT);

  public static OpsSettings from(ConfigValues values) {
    return new OpsSettings(values.get(HOST), values.get(PORT));
  }

  public static OpsSettings load(Configuration configuration) {
    return from(configuration.resolve(DEFINITION));
  }

  /** Starts an ops endpoint with these settings. */
  public OpsServer start() {
    return OpsServer.builder().host(host).port(port).start();
  }
}
