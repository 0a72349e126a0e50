package io.streamdesk.ingest;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigDefinitionProvider;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.StreamDeskService;
import java.time.Clock;

/**
 * Creates the {@code ingest-connector} service (./cs service ingest-connector, the local stack) and
 * contributes its keys to the configuration reference.
 */
public final class IngestConnectorFactory implements ServiceFactory, ConfigDefinitionProvider {

  @Override
  public String name() {
    return IngestConnectorService.NAME;
  }

  @Override
  public ConfigDefinition configDefinition() {
    return IngestConfig.DEFINITION;
  }

  /** The connector's own keys; the shared Kafka keys are documented once, by the runtime. */
  @Override
  public ConfigDefinition definition() {
    return IngestConfig.OWN_DEFINITION;
  }

  @Override
  public StreamDeskService create(ServiceContext context) {
    IngestConfig config =
        IngestConfig.from(context.configuration().resolve(IngestConfig.DEFINITION));
    return new IngestConnectorService(config, context, Clock.systemUTC());
  }
}
