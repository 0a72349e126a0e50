package io.streamdesk.runtime.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.runtime.metrics.PipelineMetrics;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.testkit.DlqAssert;
import io.streamdesk.testkit.Events;
import io.streamdesk.testkit.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dead letters of the Streams handlers and the outcome branch are counted by stage and kind. */
class DeadLetterMetricsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private TopologyHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void shouldCountEveryDeadLetterByStageAndKindWhenTheConfigHoldsARegistry() {
    // Given the demo topology with a registry in its config, as the StreamsRunner puts it
    harness = TopologyHarness.forService(DemoTopologies.STAGE);
    harness.start(
        DemoTopologies.classifier(harness.topics(), harness.serdes()),
        Map.of(DeadLetterConfig.METER_REGISTRY, meters));
    TestInputTopic<String, CustomerMessageReceived> inbound =
        harness.input(harness.topics().messagesInbound());

    // When one record fails on each error channel, and a good one passes
    harness.rawInput(harness.topics().messagesInbound()).pipeInput(utf8("c-1"), utf8("not avro"));
    inbound.pipeInput("c-2", Events.customerMessage("c-2", "m-2", "boom"));
    inbound.pipeInput("c-3", Events.customerMessage("c-3", "m-3", "unwritable"));
    inbound.pipeInput("c-4", Events.customerMessage("c-4", "m-4", " "));
    inbound.pipeInput("c-5", Events.customerMessage().build());

    // Then four dead letters were written and each is counted once under its kind
    assertThat(harness.dlq().readValuesToList()).hasSize(4);
    for (String kind : new String[] {"DESERIALIZATION", "PROCESSING", "PRODUCTION", "BUSINESS"}) {
      assertThat(
              meters
                  .get(PipelineMetrics.DEAD_LETTERS)
                  .tags("service", DemoTopologies.STAGE, "stage", DemoTopologies.STAGE)
                  .tag("kind", kind)
                  .counter()
                  .count())
          .as(kind)
          .isEqualTo(1.0);
    }
  }

  @Test
  void shouldWriteDeadLettersWithoutCountingWhenNoRegistryIsConfigured() {
    // Given the topology configured like a plain TopologyTestDriver test
    harness = TopologyHarness.forService(DemoTopologies.STAGE);
    harness.start(DemoTopologies.classifier(harness.topics(), harness.serdes()));

    // When a business failure happens
    harness
        .input(harness.topics().messagesInbound())
        .pipeInput("c-4", Events.customerMessage("c-4", "m-4", " "));

    // Then the dead letter is written, and nothing is counted anywhere
    DlqAssert.assertThat(harness.dlq()).single();
    assertThat(meters.find(PipelineMetrics.DEAD_LETTERS).counters()).isEmpty();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
