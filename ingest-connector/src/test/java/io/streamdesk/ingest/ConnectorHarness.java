package io.streamdesk.ingest;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamdesk.ingest.auth.ApiKeyEntry;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the connector the way the local stack does (through its {@link ServiceFactory}) on an
 * embedded broker with an in-process registry, with test API keys and overrides.
 */
final class ConnectorHarness implements AutoCloseable {

  static final String APP_KEY = "sdk_test-app-key-0123456789";
  static final String OTHER_KEY = "sdk_test-other-key-0123456789";

  final AvroTopicSerdes serdes;
  final Topics topics;
  final IngestConnectorService service;
  final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private ConnectorHarness(AvroTopicSerdes serdes, Topics topics, IngestConnectorService service) {
    this.serdes = serdes;
    this.topics = topics;
    this.service = service;
  }

  /** A started connector; {@code registryScope} names the shared mock:// registry. */
  static ConnectorHarness start(
      String bootstrapServers, String registryScope, Map<String, String> overrides) {
    Map<String, Object> values = new HashMap<>();
    values.put("kafka.bootstrap.servers", bootstrapServers);
    values.put("schema.registry.url", "mock://" + registryScope);
    values.put("topic.partitions", "1");
    values.put("ingest.port", "0");
    values.put(
        "ingest.api-keys",
        ApiKeyEntry.of("app", APP_KEY).format()
            + ","
            + ApiKeyEntry.of("email", OTHER_KEY).format());
    values.put("ingest.feed.lookback", "0");
    values.putAll(overrides);
    Configuration configuration = Configuration.of(values);
    KafkaSettings kafka = KafkaSettings.load(configuration);
    AvroTopicSerdes serdes = AvroTopicSerdes.create(kafka.registryConfig());
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceContext context = ServiceContext.of(configuration, kafka, serdes, meters);
    ServiceFactory factory = ServiceFactory.named("ingest-connector").orElseThrow();
    IngestConnectorService service = (IngestConnectorService) factory.create(context);
    service.start();
    return new ConnectorHarness(serdes, kafka.topics(), service);
  }

  static String newScope() {
    return "ingest-it-" + UUID.randomUUID();
  }

  URI uri(String path) {
    return service.baseUri().resolve(path);
  }

  @Override
  public void close() {
    service.close();
    serdes.close();
  }
}
