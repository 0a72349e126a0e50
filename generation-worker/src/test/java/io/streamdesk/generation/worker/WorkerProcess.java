package io.streamdesk.generation.worker;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.generation.guard.GuardSettings;
import io.streamdesk.generation.guard.OutputGuard;
import io.streamdesk.generation.llm.extractive.ExtractiveAnswerer;
import io.streamdesk.generation.llm.extractive.ExtractiveReplyGenerator;
import io.streamdesk.generation.llm.extractive.ExtractiveSettings;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.TopicSettings;
import java.time.Duration;
import java.util.Map;

/**
 * A generation worker in a process of its own, for the takeover test to kill with SIGKILL. Args:
 * bootstrap servers, mock registry scope, partitions, group id, instance id, milliseconds per word
 * of its slow model. Prints RUNNING on stdout once it polls, then runs until killed.
 */
public final class WorkerProcess {

  private WorkerProcess() {}

  public static void main(String[] args) throws InterruptedException {
    String bootstrap = args[0];
    String scope = args[1];
    int partitions = Integer.parseInt(args[2]);
    String group = args[3];
    String instance = args[4];
    Duration perWord = Duration.ofMillis(Long.parseLong(args[5]));
    KafkaSettings kafka =
        KafkaSettings.load(
                Configuration.of(
                    Map.of(
                        "kafka.bootstrap.servers",
                        bootstrap,
                        "schema.registry.url",
                        "mock://" + scope,
                        // A killed member is noticed after this; the broker's minimum.
                        "kafka.session.timeout.ms",
                        "6000",
                        "kafka.heartbeat.interval.ms",
                        "1000")))
            .withTopics(new TopicSettings("", partitions, (short) 1));
    AvroTopicSerdes serdes = AvroTopicSerdes.create(kafka.registryConfig());
    Broker.registerCatalogue(serdes.registry(), kafka.topics());
    ExtractiveReplyGenerator extractive =
        new ExtractiveReplyGenerator(new ExtractiveAnswerer(ExtractiveSettings.defaults()));
    GenerationWorker worker =
        GenerationWorker.builder()
            .kafka(kafka)
            .serdes(serdes)
            .settings(
                WorkerSettings.defaults()
                    .withGroupId(group)
                    .withInstanceId(instance)
                    .withMaxInFlight(4))
            .generator(new SlowGenerator(perWord, 40))
            .extractive(extractive)
            .guard(new OutputGuard(GuardSettings.defaults()))
            .meterRegistry(new SimpleMeterRegistry())
            .build();
    worker.start();
    await().atMost(Duration.ofMinutes(1)).until(() -> worker.healthCheck().check().isUp());
    System.out.println("RUNNING");
    System.out.flush();
    Thread.currentThread().join();
  }
}
