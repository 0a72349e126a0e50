package io.streamdesk.dispatcher;

import io.streamdesk.schemas.events.DeliveryKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one {@link Delivery} to its outcome, on a virtual thread of its conversation's lane:
 *
 * <ol>
 *   <li>an id the ledger holds is not delivered again (dedup hit);
 *   <li>without a webhook the delivery is skipped or failed ({@link
 *       DispatcherConfig#skipUnconfiguredChannels()});
 *   <li>otherwise it is POSTed until accepted, rejected (3xx or 4xx other than 429: no retry) or
 *       out of attempts, waiting the {@link RetryPolicy}'s delay between attempts;
 *   <li>the outcome is recorded (ReplyDelivered, or DeliveryFailed plus a dead letter) and only
 *       then is the record finished, so its offset may be committed.
 * </ol>
 *
 * A revocation or a stop ends the delivery between attempts, leaving the record unfinished for
 * whoever reads it next.
 */
final class DeliveryProcessor {

  private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

  private final DispatcherConfig config;
  private final DeliveryLedger ledger;
  private final WebhookClient client;
  private final OutcomeRecorder recorder;
  private final DispatcherMetrics metrics;
  private final Clock clock;
  private final Consumer<Throwable> fatal;
  private final Set<String> warnedUnconfigured = ConcurrentHashMap.newKeySet();

  DeliveryProcessor(
      DispatcherConfig config,
      DeliveryLedger ledger,
      WebhookClient client,
      OutcomeRecorder recorder,
      DispatcherMetrics metrics,
      Clock clock,
      Consumer<Throwable> fatal) {
    this.config = config;
    this.ledger = ledger;
    this.client = client;
    this.recorder = recorder;
    this.metrics = metrics;
    this.clock = clock;
    this.fatal = fatal;
  }

  /** Runs the delivery; never throws (a failure to record an outcome stops the dispatcher). */
  void process(Delivery delivery, PartitionWork work) {
    try {
      if (work.isRevoked()) {
        return;
      }
      if (ledger.isDelivered(delivery.partition(), delivery.deliveryId())) {
        metrics.dedupHit(delivery.kind());
        log.debug("{} already delivered, not sent again", delivery.deliveryId());
        work.finish(delivery.offset());
        return;
      }
      Optional<WebhookEndpoint> endpoint = endpointOf(delivery);
      if (endpoint.isEmpty()) {
        unconfigured(delivery);
      } else if (!deliver(delivery, endpoint.get(), work)) {
        return; // revoked or stopping: the record stays unfinished
      }
      work.finish(delivery.offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fatal.accept(e);
    }
  }

  private Optional<WebhookEndpoint> endpointOf(Delivery delivery) {
    return delivery.kind() == DeliveryKind.HANDOFF
        ? config.ticketWebhook()
        : config.channel(delivery.channel());
  }

  /**
   * @return false when the delivery was abandoned because the partition went away
   */
  private boolean deliver(Delivery delivery, WebhookEndpoint endpoint, PartitionWork work)
      throws InterruptedException {
    byte[] body = delivery.body();
    String event = delivery.kind().name().toLowerCase(Locale.ROOT);
    RetryPolicy retry = config.retry();
    Instant first = clock.instant();
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1 && work.isRevoked()) {
        return false; // the next owner of the partition takes over
      }
      WebhookClient.Attempt made =
          client.send(endpoint, delivery.deliveryId(), event, attempt, body);
      AttemptResult result = made.result();
      metrics.attempt(
          delivery.kind(), delivery.channel(), result.metricResult(), made.queued(), made.took());
      switch (result) {
        case AttemptResult.Accepted accepted -> {
          Instant now = clock.instant();
          Duration latency = Duration.between(first, now);
          // Remembered before the outcome is written: a record read again meanwhile is not sent.
          ledger.delivered(delivery.partition(), delivery.deliveryId(), now);
          recorder.delivered(delivery, endpoint.name(), accepted.status(), attempt, latency, now);
          metrics.delivered(delivery.kind(), delivery.channel(), latency);
          return true;
        }
        case AttemptResult.Rejected rejected -> {
          fail(
              delivery,
              endpoint,
              OutcomeRecorder.WEBHOOK_REJECTED,
              rejected.reason(),
              rejected.status(),
              attempt,
              false,
              first);
          return true;
        }
        case AttemptResult.Retryable retryable -> {
          if (!retry.allowsAnotherAttempt(attempt)) {
            fail(
                delivery,
                endpoint,
                OutcomeRecorder.WEBHOOK_UNAVAILABLE,
                retryable.reason() + " (gave up after " + attempt + " attempts)",
                retryable.status(),
                attempt,
                true,
                first);
            return true;
          }
          Duration delay =
              retry.delayBeforeNextAttempt(
                  attempt, retryable.retryAfter(), ThreadLocalRandom.current());
          log.debug(
              "{} attempt {} to {}: {}; next in {} ms",
              delivery.deliveryId(),
              attempt,
              endpoint.name(),
              retryable.reason(),
              delay.toMillis());
          if (work.awaitRevocation(delay)) {
            return false;
          }
        }
      }
    }
  }

  private void fail(
      Delivery delivery,
      WebhookEndpoint endpoint,
      String code,
      String reason,
      Integer status,
      int attempts,
      boolean retryable,
      Instant first) {
    Instant now = clock.instant();
    log.warn(
        "{} {} to {} failed after {} attempt(s): {}",
        delivery.kind(),
        delivery.deliveryId(),
        endpoint.name(),
        attempts,
        reason);
    recorder.failed(delivery, endpoint.name(), code, reason, status, attempts, retryable, now);
    metrics.failed(delivery.kind(), delivery.channel(), Duration.between(first, now));
    metrics.deadLetter("delivery_failed");
  }

  private void unconfigured(Delivery delivery) {
    boolean handoff = delivery.kind() == DeliveryKind.HANDOFF;
    String what =
        handoff
            ? "ticket webhook (dispatcher.tickets.url)"
            : "webhook for channel " + delivery.channel();
    if (config.skipUnconfiguredChannels()) {
      if (warnedUnconfigured.add(handoff ? "handoff" : "reply:" + delivery.channel())) {
        log.info(
            "No {}: such {}s are skipped (dispatcher.skip-unconfigured-channels=true)",
            what,
            handoff ? "handoff" : "reply");
      }
      metrics.skipped(delivery.kind(), delivery.channel());
      return;
    }
    String endpoint = handoff ? WebhookEndpoint.TICKETS : delivery.channel();
    recorder.failed(
        delivery,
        endpoint,
        OutcomeRecorder.NO_WEBHOOK,
        "no webhook configured",
        null,
        0,
        false,
        clock.instant());
    metrics.failed(delivery.kind(), delivery.channel(), Duration.ZERO);
    metrics.deadLetter("no_webhook");
  }
}
