package io.streamdesk.stack.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How the data tools read topics: as the customers' side sees them ({@code read_committed}), as raw
 * bytes (each caller picks its deserializer per topic), without a consumer group and without
 * committing anything, so that a benchmark, a replay or an export leaves no trace on the cluster.
 */
public final class CommittedReads {

  private CommittedReads() {}

  /**
   * A group-less read_committed consumer of byte records.
   *
   * @param clientProperties the cluster's client settings
   * @param clientIdPrefix a random suffix is appended, so concurrent tools never share a client id
   * @param settings further consumer settings of the caller (fetch wait, poll size, reset policy)
   */
  public static KafkaConsumer<byte[], byte[]> consumer(
      Map<String, Object> clientProperties, String clientIdPrefix, Map<String, Object> settings) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putAll(settings);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + UUID.randomUUID());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Every partition of a topic, or an empty list when the topic does not exist. */
  public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    return infos == null
        ? List.of()
        : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
  }
}
