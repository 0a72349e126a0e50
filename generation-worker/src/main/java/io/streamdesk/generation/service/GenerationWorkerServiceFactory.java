package io.streamdesk.generation.service;

import io.streamdesk.generation.worker.GenerationWorker;
import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.StreamDeskService;

/** {@code ./cs service generation-worker}: the generation worker from configuration. */
public final class GenerationWorkerServiceFactory implements ServiceFactory {

  @Override
  public String name() {
    return GenerationWorker.STAGE;
  }

  @Override
  public ConfigDefinition configDefinition() {
    return GenerationWorkerConfig.SERVICE_DEFINITION;
  }

  @Override
  public StreamDeskService create(ServiceContext context) {
    GenerationWorkerConfig config =
        GenerationWorkerConfig.from(
            context.configuration().resolve(GenerationWorkerConfig.SERVICE_DEFINITION),
            context.kafka());
    return new GenerationWorkerService(config, context.serdes(), context.meterRegistry());
  }
}
