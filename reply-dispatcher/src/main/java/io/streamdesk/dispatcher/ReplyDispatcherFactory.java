package io.streamdesk.dispatcher;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigDefinitionProvider;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.StreamDeskService;
import java.time.Clock;

/**
 * Creates the {@code reply-dispatcher} service for {@code ./cs service reply-dispatcher} and the
 * local stack (listed in META-INF/services), and contributes its keys to the configuration
 * reference.
 */
public final class ReplyDispatcherFactory implements ServiceFactory, ConfigDefinitionProvider {

  @Override
  public String name() {
    return ReplyDispatcher.NAME;
  }

  @Override
  public ConfigDefinition configDefinition() {
    return DispatcherConfig.DEFINITION;
  }

  @Override
  public ConfigDefinition definition() {
    return DispatcherConfig.OWN_DEFINITION;
  }

  @Override
  public StreamDeskService create(ServiceContext context) {
    DispatcherConfig config = DispatcherConfig.load(context.configuration());
    return new ReplyDispatcher(
        config, context.kafka(), context.serdes(), context.meterRegistry(), Clock.systemUTC());
  }
}
