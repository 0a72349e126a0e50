package io.streamdesk.stack.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.intent.IntentStreamConfig;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.stack.access.ClusterAccess;
import io.streamdesk.stack.bench.BenchConversations.Script;
import io.streamdesk.stack.bench.ConversationSlots.Slot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run against a running pipeline: the encoder alone, then the load (warm-up, measured
 * window, drain), then the encoder again, so the ratio compares figures taken minutes apart on the
 * same machine. Returns the JSON report.
 */
public final class PipelineBench {

  private static final Logger log = LoggerFactory.getLogger(PipelineBench.class);
  private static final Duration DUPLICATE_GRACE = Duration.ofSeconds(2);

  /**
   * How the load runs.
   *
   * @param rate messages per second; 0 sends whenever a customer is free (saturation)
   * @param warmup sent first and not measured (JIT, caches, first transactions)
   * @param duration the measured window
   * @param conversations customers in parallel
   * @param drainTimeout how long to wait after the window for the measured messages' outcomes
   * @param messageTimeout how long a customer waits for an outcome before its next turn
   */
  public record Settings(
      double rate,
      Duration warmup,
      Duration duration,
      int conversations,
      Duration drainTimeout,
      Duration messageTimeout) {
    public Settings {
      if (rate < 0 || conversations < 1 || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(
            "rate >= 0 (0 = saturate), conversations >= 1 and a positive duration, got rate "
                + rate
                + ", conversations "
                + conversations
                + ", duration "
                + duration);
      }
      Objects.requireNonNull(warmup, "warmup");
      Objects.requireNonNull(drainTimeout, "drainTimeout");
      Objects.requireNonNull(messageTimeout, "messageTimeout");
    }
  }

  private PipelineBench() {}

  /**
   * Runs the benchmark.
   *
   * @param access the cluster whose pipeline is measured
   * @param encoderConfig the intent stream's configuration, for its encoders
   * @param scripts the conversations the customers play
   */
  public static ObjectNode run(
      ClusterAccess access, IntentStreamConfig encoderConfig, List<Script> scripts, Settings s)
      throws InterruptedException {
    try (EncoderProbe encoder = new EncoderProbe(encoderConfig, scripts)) {
      encoder.run(); // JIT and ONNX Runtime warm-up, not reported
      double encoderBefore = encoder.run();
      log.info("encoder alone: {} texts/s", Math.round(encoderBefore));

      String runId = UUID.randomUUID().toString().substring(0, 8);
      ConversationSlots slots = new ConversationSlots(scripts, s.conversations(), runId);
      LinkedBlockingQueue<Slot> free = new LinkedBlockingQueue<>(slots.all());
      OutcomeLedger ledger = new OutcomeLedger(free::add);
      try (OutcomeListener listener =
              new OutcomeListener(
                      access.clientProperties(), access.topics(), access.serdes(), ledger)
                  .start();
          KafkaProducer<String, CustomerMessageReceived> producer = producer(access)) {
        log.info(
            "load: {} msg/s, {} conversations, {} s warm-up, {} s measured",
            s.rate() == 0 ? "saturating" : s.rate(),
            s.conversations(),
            s.warmup().toSeconds(),
            s.duration().toSeconds());
        new LoadDriver(
                producer,
                access.topics().messagesInbound().name(),
                runId,
                ledger,
                free,
                s.messageTimeout())
            .run(s.rate(), s.warmup(), s.duration());
        producer.flush();
        drain(ledger, s.drainTimeout());
        double encoderAfter = encoder.run();
        log.info("encoder alone: {} texts/s", Math.round(encoderAfter));
        return report(s, ledger, listener, encoder, encoderBefore, encoderAfter);
      }
    }
  }

  private static void drain(OutcomeLedger ledger, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ledger.outstanding() > 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    // Late duplicates of the last replies would arrive within a transaction or two.
    TimeUnit.MILLISECONDS.sleep(DUPLICATE_GRACE.toMillis());
  }

  private static ObjectNode report(
      Settings s,
      OutcomeLedger ledger,
      OutcomeListener listener,
      EncoderProbe encoder,
      double encoderBefore,
      double encoderAfter) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    long outcomes = ledger.replied() + ledger.deadLettered();
    double span = ledger.measuredSpanSeconds();
    double throughput = span == 0 ? 0 : outcomes / span;
    double encoderPerSecond = (encoderBefore + encoderAfter) / 2;
    out.put("sent", ledger.sent());
    out.put("replied", ledger.replied());
    out.put("duplicates", ledger.duplicates());
    out.put("dlq", ledger.deadLettered());
    out.put("lost", ledger.outstanding());
    out.put("throughput_msgs_per_s", round(throughput, 1));
    out.set("latency_ms", ledger.endToEnd().toJson());
    ObjectNode stages = out.putObject("stage_latency_ms");
    ledger.stages().forEach((stage, stats) -> stages.set(stage, stats.toJson()));
    // From the send to the message's visibility (read_committed) on each topic it crosses.
    ObjectNode hops = out.putObject("visible_after_ms");
    ledger.hops().forEach((hop, stats) -> hops.set(hop, stats.toJson()));
    hops.set("reply", ledger.endToEnd().toJson());
    out.put("encoder_per_s", round(encoderPerSecond, 1));
    out.put("ratio_to_encoder", round(throughput / encoderPerSecond, 3));

    out.put("target_rate_msgs_per_s", s.rate());
    out.put("send_rate_msgs_per_s", round(ledger.sent() / (double) s.duration().toSeconds(), 1));
    out.put("duration_s", s.duration().toSeconds());
    out.put("warmup_s", s.warmup().toSeconds());
    out.put("conversations", s.conversations());
    out.put("warmup_sent", ledger.warmupSent());
    out.put("timed_out", ledger.timedOut());
    out.put("send_failures", ledger.sendFailures());
    out.put("unreadable_outcomes", listener.unreadable());
    ObjectNode actions = out.putObject("actions");
    ledger.actions().forEach(actions::put);
    out.putArray("encoder_runs_per_s").add(round(encoderBefore, 1)).add(round(encoderAfter, 1));
    ObjectNode models = out.putObject("encoder_models");
    encoder.models().forEach(models::put);
    out.put("encoder_texts", encoder.texts());
    out.put("available_processors", Runtime.getRuntime().availableProcessors());
    return out;
  }

  private static KafkaProducer<String, CustomerMessageReceived> producer(ClusterAccess access) {
    Map<String, Object> props = access.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "cs-bench-customers");
    return new KafkaProducer<>(
        props,
        new StringSerializer(),
        access.serdes().valueSerde(access.topics().messagesInbound()).serializer());
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
