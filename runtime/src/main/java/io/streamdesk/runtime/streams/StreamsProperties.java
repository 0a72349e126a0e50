package io.streamdesk.runtime.streams;

import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.dlq.DeadLetterConfig;
import io.streamdesk.runtime.dlq.DeadLetterDeserializationHandler;
import io.streamdesk.runtime.dlq.DeadLetterProcessingHandler;
import io.streamdesk.runtime.dlq.DeadLetterProductionHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of a StreamDesk application, in one place so that the runner and
 * the test harness (TopologyTestDriver) use the same: exactly_once_v2, the low-latency commit
 * interval and linger of {@link StreamsSettings}, the dead-letter handlers with their stage, topic
 * and registry keys, the {@code kafka.*} client overrides and, last, {@code streams.config.*}.
 */
public final class StreamsProperties {

  private StreamsProperties() {}

  /**
   * The application id of a service: the catalogue's topic prefix plus the service name, so a
   * replay pipeline ({@code shadow.r1.}) never shares a consumer group or state with production.
   */
  public static String applicationId(String service, KafkaSettings kafka) {
    return kafka.topicPrefix() + service;
  }

  /**
   * Every property of the service's Streams app.
   *
   * @param service service name: the stage of its dead letters and the base of its application id
   * @param kafka brokers, registry, topic catalogue and client overrides
   * @param settings the Streams settings
   * @param deadLetterHandlers whether the DLQ exception handlers are installed
   */
  public static Map<String, Object> of(
      String service, KafkaSettings kafka, StreamsSettings settings, boolean deadLetterHandlers) {
    Objects.requireNonNull(service, "service");
    Map<String, Object> props = new LinkedHashMap<>(kafka.clientProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(service, kafka));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
        (int) settings.linger().toMillis());
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
    // Topics are created up front from the catalogue, with its replication factor; internal
    // topics (changelogs, repartitions) follow the same rule.
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
    if (deadLetterHandlers) {
      props.putAll(deadLetterConfigs(service, kafka));
    }
    // Global KTables use the processing exception handler too (the default from Kafka 5.0 on).
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.putAll(settings.overrides());
    return props;
  }

  /** {@link #of} as {@link Properties}. */
  public static Properties asProperties(
      String service, KafkaSettings kafka, StreamsSettings settings, boolean deadLetterHandlers) {
    Properties properties = new Properties();
    properties.putAll(of(service, kafka, settings, deadLetterHandlers));
    return properties;
  }

  /** The handler classes and what they read: stage, dead-letter topic, registry keys. */
  public static Map<String, Object> deadLetterConfigs(String service, KafkaSettings kafka) {
    Map<String, Object> props =
        new LinkedHashMap<>(
            new DeadLetterConfig(service, kafka.topics().dlq().name(), kafka.registryConfig())
                .toConfigs());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class.getName());
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProductionHandler.class.getName());
    return props;
  }
}
