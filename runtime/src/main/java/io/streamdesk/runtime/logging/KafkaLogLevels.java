package io.streamdesk.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Turns Kafka's own INFO chatter (config dumps, partition state changes, raft elections) down to
 * WARN. A level set explicitly in a logback.xml always wins: only loggers without a level are
 * touched.
 */
public final class KafkaLogLevels {

  /** Loggers of the broker and controller (Scala {@code kafka.*} and the Java server modules). */
  public static final List<String> BROKER_LOGGERS =
      List.of(
          "kafka",
          "state.change.logger",
          "org.apache.kafka.server",
          "org.apache.kafka.controller",
          "org.apache.kafka.raft",
          "org.apache.kafka.metadata",
          "org.apache.kafka.image",
          "org.apache.kafka.storage",
          "org.apache.kafka.coordinator",
          "org.apache.kafka.queue",
          "org.apache.kafka.snapshot",
          "org.apache.kafka.security",
          "org.apache.kafka.network",
          "org.apache.kafka.common.network",
          "org.apache.kafka.common.security",
          "org.apache.kafka.common.metrics",
          "org.apache.kafka.common.utils.AppInfoParser");

  /** Every Kafka logger: broker, clients and Streams (whose INFO lines dump every config). */
  public static final List<String> ALL_KAFKA_LOGGERS =
      List.of("kafka", "state.change.logger", "org.apache.kafka");

  private KafkaLogLevels() {}

  /** Sets the broker loggers to WARN where no level is configured; no-op without Logback. */
  public static void quietBroker() {
    quiet(BROKER_LOGGERS);
  }

  /** Sets the given loggers to WARN where no level is configured; no-op without Logback. */
  public static void quiet(List<String> loggerNames) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      quiet(context, loggerNames);
    }
  }

  static void quiet(LoggerContext context, List<String> loggerNames) {
    for (String name : loggerNames) {
      Logger logger = context.getLogger(name);
      if (logger.getLevel() == null) {
        logger.setLevel(Level.WARN);
      }
    }
  }
}
