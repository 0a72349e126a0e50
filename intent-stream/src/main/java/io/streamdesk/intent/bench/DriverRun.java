package io.streamdesk.intent.bench;

import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.streams.StreamsProperties;
import io.streamdesk.runtime.streams.StreamsSettings;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The topology's own processing cost: TopologyTestDriver with the production Streams properties
 * (exactly_once_v2, dead-letter handlers), records already serialised, no broker. Everything the
 * topology does is timed: deserialise, text pipeline, language, embed, classify, rules and store,
 * serialise the outputs.
 */
final class DriverRun {

  private DriverRun() {}

  /**
   * @param topology builds the topology from a catalogue and serdes
   * @param messages the messages, piped in order
   */
  static RunResult run(
      BiFunction<Topics, AvroTopicSerdes, Topology> topology,
      List<CustomerMessageReceived> messages,
      String service)
      throws IOException {
    String scope = "intent-bench-" + UUID.randomUUID();
    KafkaSettings kafka = KafkaSettings.of("driver:9092", "mock://" + scope);
    Topics topics = kafka.topics();
    Path stateDir = Files.createTempDirectory("intent-bench-ttd-");
    Properties props =
        StreamsProperties.asProperties(
            service, kafka, StreamsSettings.defaults().withStateDir(stateDir), true);
    try (AvroTopicSerdes serdes = AvroTopicSerdes.create(kafka.registryConfig());
        TopologyTestDriver driver =
            new TopologyTestDriver(topology.apply(topics, serdes), props, Instant.now())) {
      Topic<String, CustomerMessageReceived> inbound = topics.messagesInbound();
      byte[][] values = new byte[messages.size()][];
      for (int i = 0; i < values.length; i++) {
        values[i] =
            serdes.valueSerde(inbound).serializer().serialize(inbound.name(), messages.get(i));
      }
      TestInputTopic<byte[], byte[]> in =
          driver.createInputTopic(
              inbound.name(), new ByteArraySerializer(), new ByteArraySerializer());
      long start = System.nanoTime();
      for (int i = 0; i < values.length; i++) {
        in.pipeInput(
            messages.get(i).getConversationId().getBytes(StandardCharsets.UTF_8), values[i]);
      }
      double perSecond = messages.size() / ((System.nanoTime() - start) / 1e9);
      return new RunResult(
          perSecond,
          count(driver, topics.messagesClassified()),
          count(driver, topics.handoffs()),
          count(driver, topics.dlq()));
    } finally {
      InMemorySchemaRegistry.drop(scope);
      BrokerRun.deleteQuietly(stateDir);
    }
  }

  private static int count(TopologyTestDriver driver, Topic<?, ?> topic) {
    return (int)
        driver
            .createOutputTopic(
                topic.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
            .getQueueSize();
  }
}
