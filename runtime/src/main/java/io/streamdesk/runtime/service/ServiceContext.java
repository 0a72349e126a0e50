package io.streamdesk.runtime.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a service is created with: its configuration, the Kafka settings, one serde factory, the
 * metrics registry, and resources shared between services of one JVM (the local stack shares one
 * set of ONNX encoders between the intent stream and the indexer instead of loading them twice).
 */
public final class ServiceContext {

  private final Configuration configuration;
  private final KafkaSettings kafka;
  private final TopicSerdes serdes;
  private final MeterRegistry meterRegistry;
  private final Map<Class<?>, Object> shared;

  public ServiceContext(
      Configuration configuration,
      KafkaSettings kafka,
      TopicSerdes serdes,
      MeterRegistry meterRegistry,
      Map<Class<?>, Object> shared) {
    this.configuration = Objects.requireNonNull(configuration, "configuration");
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.serdes = Objects.requireNonNull(serdes, "serdes");
    this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
    this.shared = Objects.requireNonNull(shared, "shared");
  }

  /** A context whose shared resources live only as long as it does. */
  public static ServiceContext of(
      Configuration configuration,
      KafkaSettings kafka,
      TopicSerdes serdes,
      MeterRegistry meterRegistry) {
    return new ServiceContext(
        configuration, kafka, serdes, meterRegistry, new ConcurrentHashMap<>());
  }

  public Configuration configuration() {
    return configuration;
  }

  public KafkaSettings kafka() {
    return kafka;
  }

  public Topics topics() {
    return kafka.topics();
  }

  public TopicSerdes serdes() {
    return serdes;
  }

  public MeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /**
   * The JVM-wide instance of {@code type}, created by {@code factory} on first use. The host closes
   * shared resources that are {@link AutoCloseable} after every service has stopped.
   */
  public <T> T shared(Class<T> type, Supplier<? extends T> factory) {
    return type.cast(shared.computeIfAbsent(type, t -> factory.get()));
  }

  /** Shared resources created so far, for the host to close. */
  public Map<Class<?>, Object> sharedResources() {
    return Map.copyOf(shared);
  }
}
