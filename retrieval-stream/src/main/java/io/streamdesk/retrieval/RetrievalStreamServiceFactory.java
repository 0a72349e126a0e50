package io.streamdesk.retrieval;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.StreamDeskService;

/** {@code ./cs service retrieval-stream}: the {@link RetrievalStreamService}. */
public final class RetrievalStreamServiceFactory implements ServiceFactory {

  @Override
  public String name() {
    return RetrievalTopology.SERVICE;
  }

  @Override
  public ConfigDefinition configDefinition() {
    return RetrievalStreamConfig.DEFINITION;
  }

  @Override
  public StreamDeskService create(ServiceContext context) {
    return new RetrievalStreamService(RetrievalStreamConfig.load(context.configuration()), context);
  }
}
