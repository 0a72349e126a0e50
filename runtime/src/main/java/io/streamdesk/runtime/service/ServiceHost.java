package io.streamdesk.runtime.service;

import io.streamdesk.runtime.ops.OpsServer;
import io.streamdesk.runtime.ops.ReadyLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts services in order, registers their health checks on one ops endpoint, logs each one's
 * ready line, and stops them in reverse order. Used by {@code ./cs service NAME} (one service) and
 * by the local stack (all of them).
 */
public final class ServiceHost implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceHost.class);

  private final OpsServer ops;
  private final ServiceContext context;
  private final List<StreamDeskService> started = new ArrayList<>();

  public ServiceHost(OpsServer ops, ServiceContext context) {
    this.ops = ops;
    this.context = context;
  }

  /** Creates {@code factory}'s service, starts it and announces it ready. */
  public StreamDeskService start(ServiceFactory factory) {
    StreamDeskService service = factory.create(context);
    return start(service);
  }

  /** Starts {@code service} and announces it ready; closes it again if it fails to start. */
  public synchronized StreamDeskService start(StreamDeskService service) {
    try {
      service.start();
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    started.add(service);
    service
        .healthChecks()
        .forEach((name, check) -> ops.register(service.name() + "." + name, check));
    ReadyLine.announce(service.name(), ops.uri(), service.inputs(), service.outputs());
    return service;
  }

  public List<StreamDeskService> services() {
    return List.copyOf(started);
  }

  @Override
  public synchronized void close() {
    for (StreamDeskService service : started.reversed()) {
      try {
        service.close();
      } catch (RuntimeException e) {
        LOG.warn("{} did not stop cleanly: {}", service.name(), e.toString());
      }
      service.healthChecks().keySet().forEach(name -> ops.unregister(service.name() + "." + name));
    }
    started.clear();
    for (Map.Entry<Class<?>, Object> resource : context.sharedResources().entrySet()) {
      if (resource.getValue() instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn(
              "shared {} did not close cleanly: {}",
              resource.getKey().getSimpleName(),
              e.toString());
        }
      }
    }
  }
}
