package io.streamdesk.stack;

import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.ops.OpsServer;
import io.streamdesk.runtime.ops.OpsSettings;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.ServiceHost;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs one service in this process against an external Kafka and schema registry: the unit of the
 * compose deployment. Configuration comes from {@code STREAMDESK_*} environment variables, {@code
 * -D} properties and an optional {@code config.file}; it stops cleanly on SIGTERM.
 */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    description = "Run one service (see the list below) against an external Kafka and registry.")
public final class ServiceCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "Service to run: ${COMPLETION-CANDIDATES}")
  String name;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ServiceFactory factory = ServiceFactory.named(name).orElse(null);
    if (factory == null) {
      spec.commandLine()
          .getErr()
          .printf(
              "unknown service '%s'; available: %s%n",
              name,
              ServiceFactory.all().stream()
                  .map(ServiceFactory::name)
                  .sorted()
                  .collect(Collectors.joining(", ")));
      return 2;
    }
    Configuration configuration = Configuration.load(Map.of());
    KafkaSettings kafka;
    OpsSettings opsSettings;
    try {
      configuration.resolve(factory.configDefinition());
      kafka = KafkaSettings.load(configuration);
      opsSettings = OpsSettings.load(configuration);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    try (AvroTopicSerdes serdes = AvroTopicSerdes.create(kafka.registryConfig());
        OpsServer ops = opsSettings.start();
        ServiceHost host =
            new ServiceHost(
                ops, ServiceContext.of(configuration, kafka, serdes, ops.meterRegistry()))) {
      host.start(factory);
      Runtime.getRuntime()
          .addShutdownHook(
              Thread.ofPlatform()
                  .name("shutdown-" + name)
                  .unstarted(
                      () -> {
                        host.close();
                        stopped.countDown();
                      }));
      stopped.await();
    }
    return 0;
  }
}
