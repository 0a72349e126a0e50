package io.streamdesk.runtime.service;

import io.streamdesk.runtime.config.ConfigDefinition;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Creates a service from configuration. Each service module implements one and lists it in {@code
 * META-INF/services/io.streamdesk.runtime.service.ServiceFactory}, so {@code ./cs service NAME} and
 * the local stack find it without knowing the module.
 */
public interface ServiceFactory {

  /** The name {@code ./cs service NAME} selects. */
  String name();

  /** Every key the service reads (shared Kafka keys included), for validation and the docs. */
  ConfigDefinition configDefinition();

  /** Builds the service; the configuration is validated here, all problems reported at once. */
  StreamDeskService create(ServiceContext context);

  /** Every factory on the classpath. */
  static List<ServiceFactory> all() {
    return ServiceLoader.load(ServiceFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }

  /** The factory called {@code name}, if it is on the classpath. */
  static Optional<ServiceFactory> named(String name) {
    return all().stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
