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
 *
 * <p>The messages go through in chunks, and after each chunk the encoders under comparison embed
 * the same chunk's texts alone: topology and encoders are timed on interleaved slices, so a shared
 * machine's changing load hits both alike.
 */
final class DriverRun {

  private static final int CHUNK = 10;

  private DriverRun() {}

  /**
   * What one interleaved run measured.
   *
   * @param topology the topology's figures
   * @param encoderPerSecond per compared encoder, texts per second over the same slices
   */
  record Result(RunResult topology, double[] encoderPerSecond) {}

  /**
   * @param topology builds the topology from a catalogue and serdes
   * @param messages the messages, piped in order
   * @param encoders the encoders to time on the same slices (may be empty)
   */
  static Result run(
      BiFunction<Topics, AvroTopicSerdes, Topology> topology,
      List<CustomerMessageReceived> messages,
      String service,
      List<EncoderRun> encoders)
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
      byte[][] keys = new byte[messages.size()][];
      byte[][] values = new byte[messages.size()][];
      for (int i = 0; i < values.length; i++) {
        keys[i] = messages.get(i).getConversationId().getBytes(StandardCharsets.UTF_8);
        values[i] =
            serdes.valueSerde(inbound).serializer().serialize(inbound.name(), messages.get(i));
      }
      TestInputTopic<byte[], byte[]> in =
          driver.createInputTopic(
              inbound.name(), new ByteArraySerializer(), new ByteArraySerializer());
      long topologyNanos = 0;
      long[] encoderNanos = new long[encoders.size()];
      int[] encoderTexts = new int[encoders.size()];
      for (int from = 0; from < values.length; from += CHUNK) {
        int to = Math.min(values.length, from + CHUNK);
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
          in.pipeInput(keys[i], values[i]);
        }
        topologyNanos += System.nanoTime() - start;
        for (int e = 0; e < encoders.size(); e++) {
          EncoderRun.Slice slice = encoders.get(e).slice(from, to);
          encoderNanos[e] += slice.nanos();
          encoderTexts[e] += slice.texts();
        }
      }
      double[] encoderPerSecond = new double[encoders.size()];
      for (int e = 0; e < encoders.size(); e++) {
        encoderPerSecond[e] = encoderTexts[e] / (encoderNanos[e] / 1e9);
      }
      RunResult result =
          new RunResult(
              messages.size() / (topologyNanos / 1e9),
              count(driver, topics.messagesClassified()),
              count(driver, topics.handoffs()),
              count(driver, topics.dlq()));
      return new Result(result, encoderPerSecond);
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
