package io.streamdesk.runtime.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/** The broker configs of a one-node cluster that is broker and KRaft controller at once. */
final class BrokerConfigs {

  private BrokerConfigs() {}

  static Map<String, String> singleNode(int nodeId, String host, int port, int controllerPort) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(nodeId));
    props.put("controller.quorum.voters", nodeId + "@" + host + ":" + controllerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);

    // One node: every internal topic must fit on it, or groups and transactions never work.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    // 50 partitions each are sized for big clusters; a handful start faster on one node.
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("num.partitions", "1");

    // Tests and the local stack join groups once; the 3 s delay would only slow them down.
    props.put("group.initial.rebalance.delay.ms", "0");
    // Topics come from the catalogue; a typo must fail instead of creating a stray topic.
    props.put("auto.create.topics.enable", "false");
    // The cleaner allocates its dedupe buffer up front (128 MiB by default): 16 MiB holds
    // ~700k keys, plenty for the compacted topics of one node.
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    props.put("log.cleaner.threads", "1");
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    props.put("num.recovery.threads.per.data.dir", "1");
    return props;
  }
}
