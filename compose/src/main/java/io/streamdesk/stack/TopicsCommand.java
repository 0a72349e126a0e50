package io.streamdesk.stack;

import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicCreator;
import io.streamdesk.schemas.topics.TopicReport;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Creates the catalogue's missing topics on the configured cluster and reports drift; never alters
 * or deletes a topic. The compose deployment runs it once before the services start.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description =
        "Create missing catalogue topics on the cluster and report drift (never deletes).")
public final class TopicsCommand implements Callable<Integer> {

  @Option(
      names = "--list",
      description = "Only print the catalogue (name, partitions, cleanup, retention).")
  boolean list;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private static String retention(Topic<?, ?> topic) {
    if (topic.retention() == null) {
      return "forever";
    }
    long hours = topic.retention().toHours();
    return hours % 24 == 0 ? hours / 24 + " days" : hours + " hours";
  }

  @Override
  public Integer call() {
    KafkaSettings kafka;
    try {
      kafka = KafkaSettings.load(Configuration.load(Map.of()));
    } catch (ConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    if (list) {
      for (Topic<?, ?> topic : kafka.topics().all()) {
        spec.commandLine()
            .getOut()
            .printf(
                "%-32s %3d partitions  %-7s %-12s %s%n",
                topic.name(),
                topic.partitions(),
                topic.cleanupPolicy().configValue(),
                retention(topic),
                topic.description());
      }
      return 0;
    }
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      TopicReport report = new TopicCreator(admin).ensure(kafka.topics());
      spec.commandLine().getOut().println(report.describe());
      return report.hasDrift() ? 1 : 0;
    }
  }
}
