package io.streamdesk.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.ReplyAction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PipelineMetrics metrics = new PipelineMetrics(registry, "intent-stream");

  @Test
  void shouldExportTheDocumentedPrometheusNamesWithTheServiceTag() {
    // When every kind of event is recorded once
    metrics.message("intent", "classified");
    metrics.latency("intent", Duration.ofMillis(12));
    metrics.intent("order_status", "zh");
    metrics.reply(ReplyAction.HANDOFF);
    metrics.handoff(HandoffReason.COMPLAINT);
    metrics.cacheLookup(true);
    metrics.deadLetter("intent-stream", FailureKind.BUSINESS);

    // Then the scrape holds the names the dashboard queries, each tagged with the service
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "streamdesk_stage_messages_total{outcome=\"classified\",service=\"intent-stream\","
                + "stage=\"intent\"} 1.0")
        .contains("streamdesk_stage_latency_seconds_bucket{service=\"intent-stream\"")
        .contains(
            "streamdesk_intents_total{intent=\"order_status\",language=\"zh\","
                + "service=\"intent-stream\"} 1.0")
        .contains("streamdesk_replies_total{action=\"HANDOFF\",service=\"intent-stream\"} 1.0")
        .contains("streamdesk_handoffs_total{reason=\"COMPLAINT\",service=\"intent-stream\"} 1.0")
        .contains(
            "streamdesk_answer_cache_lookups_total{result=\"hit\",service=\"intent-stream\"} 1.0")
        .contains(
            "streamdesk_dlq_records_total{kind=\"BUSINESS\",service=\"intent-stream\","
                + "stage=\"intent-stream\"} 1.0");
  }

  @Test
  void shouldPublishAPercentileHistogramForStageLatency() {
    // When latencies are recorded
    metrics.latency("retrieval", Duration.ofMillis(5));
    metrics.latency("retrieval", Duration.ofMillis(400));

    // Then buckets between 1 ms and 2 min are published, so Prometheus can compute quantiles
    String scrape = registry.scrape();
    long buckets =
        scrape
            .lines()
            .filter(l -> l.startsWith("streamdesk_stage_latency_seconds_bucket{"))
            .count();
    assertThat(buckets).isBetween(20L, 120L);
    assertThat(scrape)
        .contains(
            "streamdesk_stage_latency_seconds_count{service=\"intent-stream\","
                + "stage=\"retrieval\"} 2");
  }

  @Test
  void shouldCapDataDerivedTagValuesSoAStrayLabelCannotGrowTheSeries() {
    // When more distinct intents arrive than the cap allows
    for (int i = 0; i < PipelineMetrics.MAX_VALUES_PER_TAG + 50; i++) {
      metrics.intent("intent_" + i, "en");
    }
    metrics.intent(null, " ");

    // Then the overflow is counted as "other" and blanks as "none"
    assertThat(registry.find(PipelineMetrics.INTENTS).counters())
        .hasSize(PipelineMetrics.MAX_VALUES_PER_TAG + 2);
    assertThat(registry.get(PipelineMetrics.INTENTS).tag("intent", "other").counter().count())
        .isEqualTo(50.0);
    assertThat(
            registry
                .get(PipelineMetrics.INTENTS)
                .tags("intent", "none", "language", "none")
                .counter()
                .count())
        .isEqualTo(1.0);
  }
}
