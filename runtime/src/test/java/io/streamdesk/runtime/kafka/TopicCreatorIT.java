package io.streamdesk.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicCreationException;
import io.streamdesk.schemas.topics.TopicCreator;
import io.streamdesk.schemas.topics.TopicDrift;
import io.streamdesk.schemas.topics.TopicReport;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicCreatorIT {

  @RegisterExtension static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.empty();

  @Test
  void shouldCreateEveryMissingTopicWithItsPartitionsAndConfigs() throws Exception {
    // Given an empty cluster and a catalogue
    Topics topics = Topics.of(new TopicSettings("create.", 3, (short) 1));
    try (Admin admin = kafka.broker().admin()) {
      // When the creator runs
      TopicReport report = new TopicCreator(admin).ensure(topics);

      // Then it created every topic as described
      assertThat(report.created())
          .containsExactlyInAnyOrderElementsOf(topics.all().stream().map(Topic::name).toList());
      assertThat(report.existing()).isEmpty();
      assertThat(report.hasDrift()).isFalse();
      String conversations = topics.conversations().name();
      assertThat(admin.describeTopics(List.of(conversations)).allTopicNames().get())
          .extractingByKey(conversations)
          .satisfies(d -> assertThat(d.partitions()).hasSize(3));
      var config = configOf(admin, topics.messagesInbound().name());
      assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
      assertThat(config.get("retention.ms").value())
          .isEqualTo(topics.messagesInbound().configs().get("retention.ms"));
      assertThat(configOf(admin, conversations).get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void shouldChangeNothingWhenRunTwice() {
    // Given a catalogue that was created once
    Topics topics = Topics.of(new TopicSettings("twice.", 2, (short) 1));
    try (Admin admin = kafka.broker().admin()) {
      new TopicCreator(admin).ensure(topics);

      // When the creator runs again
      TopicReport second = new TopicCreator(admin).ensure(topics);

      // Then every topic counts as existing, none was created, and nothing drifted
      assertThat(second.created()).isEmpty();
      assertThat(second.existing()).hasSize(topics.all().size());
      assertThat(second.hasDrift()).isFalse();
    }
  }

  @Test
  void shouldReportDriftAndLeaveTheTopicAlone() throws Exception {
    // Given topics that exist with other partitions, cleanup policy and retention
    Topics topics = Topics.of(new TopicSettings("drift.", 4, (short) 1));
    Topic<?, ?> inbound = topics.messagesInbound();
    Topic<?, ?> conversations = topics.conversations();
    try (Admin admin = kafka.broker().admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(inbound.name(), 1, (short) 1)
                      .configs(Map.of("cleanup.policy", "compact")),
                  new NewTopic(conversations.name(), 4, (short) 1)
                      .configs(Map.of("cleanup.policy", "compact"))))
          .all()
          .get();

      // When the creator runs
      TopicReport report = new TopicCreator(admin).ensure(topics);

      // Then it reports the differences of the drifted topic only
      assertThat(report.driftOf(inbound.name()))
          .extracting(TopicDrift::property, TopicDrift::expected, TopicDrift::actual)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("partitions", "4", "1"),
              org.assertj.core.groups.Tuple.tuple("cleanup.policy", "delete", "compact"),
              org.assertj.core.groups.Tuple.tuple(
                  "retention.ms", inbound.configs().get("retention.ms"), "604800000"));
      assertThat(report.driftOf(conversations.name())).isEmpty();
      assertThat(report.describe()).contains(inbound.name() + ": partitions is 1");
      // and changes nothing
      assertThat(admin.describeTopics(List.of(inbound.name())).allTopicNames().get())
          .extractingByKey(inbound.name())
          .satisfies(d -> assertThat(d.partitions()).hasSize(1));
      assertThat(configOf(admin, inbound.name()).get("cleanup.policy").value())
          .isEqualTo("compact");
    }
  }

  @Test
  void shouldFailClearlyWhenTheClusterCannotHoldTheReplicationFactor() {
    // Given a catalogue asking for three replicas on a one-node cluster
    Topics topics = Topics.of(new TopicSettings("rf3.", 1, (short) 3));
    try (Admin admin = kafka.broker().admin()) {
      // When / Then the creator names the topic and the broker's reason
      assertThatThrownBy(() -> new TopicCreator(admin).ensure(topics))
          .isInstanceOf(TopicCreationException.class)
          .hasMessageContaining("could not create topic rf3.")
          .hasMessageContaining("replication factor");
    }
  }

  private static org.apache.kafka.clients.admin.Config configOf(Admin admin, String topic)
      throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get().get(resource);
  }
}
