package io.streamdesk.intent;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.StreamDeskService;

/** {@code ./cs service intent-stream}: the {@link IntentStreamService}. */
public final class IntentStreamServiceFactory implements ServiceFactory {

  @Override
  public String name() {
    return IntentTopology.SERVICE;
  }

  @Override
  public ConfigDefinition configDefinition() {
    return IntentStreamConfig.DEFINITION;
  }

  @Override
  public StreamDeskService create(ServiceContext context) {
    return new IntentStreamService(IntentStreamConfig.load(context.configuration()), context);
  }
}
