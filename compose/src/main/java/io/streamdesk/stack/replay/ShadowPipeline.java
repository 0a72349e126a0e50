package io.streamdesk.stack.replay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamdesk.intent.IntentStreamService;
import io.streamdesk.knowledge.index.IndexBackend;
import io.streamdesk.knowledge.settings.KnowledgeSettings;
import io.streamdesk.retrieval.RetrievalStreamService;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.ops.OpsServer;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.ServiceHost;
import io.streamdesk.runtime.service.StreamDeskService;
import io.streamdesk.runtime.streams.StreamsRunner;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicCreator;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.stack.LocalStack;
import io.streamdesk.stack.access.ClusterAccess;
import io.streamdesk.stack.access.WorkDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.streams.CloseOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow pipeline a replay runs through: intent-stream, retrieval-stream and generation-worker
 * (never the ingest connector, the dispatcher or the indexer: nothing reaches a channel), started
 * in this process against the cluster with a topic prefix, so every topic, application id, consumer
 * group and transactional id is its own. The current models and knowledge base: the services' own
 * configuration, and for an embedded Lucene index a private copy of its latest commit (the running
 * stack holds the only writer).
 *
 * <p>Closing stops the services and, unless kept, deletes every topic and consumer group under the
 * prefix (internal changelog topics included) and the local state.
 */
final class ShadowPipeline implements AutoCloseable {

  /** The services of a shadow pipeline, in start order. */
  static final List<String> SERVICES =
      List.of("intent-stream", "retrieval-stream", "generation-worker");

  private static final Logger log = LoggerFactory.getLogger(ShadowPipeline.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final ClusterAccess access;
  private final Topics topics;
  private final boolean keep;
  private final WorkDirectory work;
  private OpsServer ops;
  private ServiceHost host;

  private ShadowPipeline(ClusterAccess access, Topics topics, boolean keep, WorkDirectory work) {
    this.access = access;
    this.topics = topics;
    this.keep = keep;
    this.work = work;
  }

  /**
   * Creates the shadow topics and starts the services.
   *
   * @param prefix the shadow prefix, appended to the cluster's own topic prefix
   * @param partitions partition count of the source conversation topics (kept, so each conversation
   *     stays on its partition)
   * @param replicationFactor replication factor of the shadow topics
   * @param overrides configuration of the shadow services over the cluster's (e.g. a new model)
   * @param keep leave topics, groups and state behind for inspection
   */
  static ShadowPipeline start(
      ClusterAccess access,
      String prefix,
      int partitions,
      short replicationFactor,
      Map<String, String> overrides,
      boolean keep) {
    String fullPrefix = access.kafka().topicPrefix() + prefix;
    Topics topics = Topics.of(new TopicSettings(fullPrefix, partitions, replicationFactor));
    WorkDirectory work = WorkDirectory.create("streamdesk-replay-", keep);
    ShadowPipeline shadow = new ShadowPipeline(access, topics, keep, work);
    try {
      shadow.createTopics();
      shadow.startServices(overrides);
      return shadow;
    } catch (RuntimeException e) {
      shadow.close();
      throw e;
    }
  }

  /** The shadow catalogue (prefixed names). */
  Topics topics() {
    return topics;
  }

  String prefix() {
    return topics.settings().prefix();
  }

  private void createTopics() {
    List<Topic<?, ?>> used =
        List.of(
            topics.messagesInbound(),
            topics.messagesClassified(),
            topics.conversations(),
            topics.generationRequests(),
            topics.generationRetry(),
            topics.replyChunks(),
            topics.replies(),
            topics.handoffs(),
            topics.dlq());
    try (Admin admin = Admin.create(access.clientProperties())) {
      new TopicCreator(admin, ADMIN_TIMEOUT).ensure(used);
    }
    log.info("shadow topics created under {}", prefix());
  }

  private void startServices(Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>(overrides);
    values.put(KafkaSettings.TOPIC_PREFIX.name(), prefix());
    values.put(KafkaSettings.PARTITIONS.name(), Integer.toString(topics.settings().partitions()));
    values.put(
        KafkaSettings.REPLICATION_FACTOR.name(),
        Short.toString(topics.settings().replicationFactor()));
    values.put("streams.state.dir", work.resolve("state").toString());
    // A member that does not leave on close would block deleting its group until it times out.
    values.putIfAbsent("streams.config.session.timeout.ms", "10000");
    values.putIfAbsent("generation.instance-id", "replay");
    // the intent classifiers the stack serves, not whatever the default temp folder holds
    if (!values.containsKey("intent.models.dir")
        && !access.givenValues().containsKey("intent.models.dir")) {
      access
          .dataDir()
          .ifPresent(
              dir ->
                  values.put(
                      "intent.models.dir", dir.resolve(LocalStack.INTENT_MODELS).toString()));
    }
    Configuration probe = access.configuration(values);
    snapshotIndex(probe).ifPresent(dir -> values.put("kb.index.dir", dir.toString()));
    Configuration configuration = access.configuration(values);
    KafkaSettings kafka = KafkaSettings.load(configuration);

    ops = OpsServer.builder().port(0).jvmMetrics(false).start();
    ServiceContext context =
        ServiceContext.of(configuration, kafka, access.serdes(), new SimpleMeterRegistry());
    host = new ServiceHost(ops, context);
    for (String name : SERVICES) {
      ServiceFactory factory =
          ServiceFactory.named(name)
              .orElseThrow(() -> new IllegalStateException(name + " is not on the classpath"));
      host.start(factory);
    }
    log.info("shadow pipeline running: {} under prefix {}", SERVICES, prefix());
  }

  /** A private copy of an embedded Lucene index; nothing for a server (Qdrant). */
  private java.util.Optional<Path> snapshotIndex(Configuration configuration) {
    KnowledgeSettings knowledge =
        KnowledgeSettings.parse(
            key -> configuration.raw(key).map(Configuration.RawValue::value).orElse(null));
    if (knowledge.backend() != IndexBackend.LUCENE) {
      return java.util.Optional.empty();
    }
    Path source =
        configuration.raw("kb.index.dir").isPresent() || access.dataDir().isEmpty()
            ? knowledge.luceneDirectory()
            : access.dataDir().get().resolve("index");
    Path copy = work.resolve("index");
    long generation = IndexSnapshot.copyLatestCommit(source, copy);
    log.info("knowledge base: copied commit {} of {} for the shadow pipeline", generation, source);
    return java.util.Optional.of(copy);
  }

  @Override
  public void close() {
    if (host != null) {
      leaveGroups(host.services());
      host.close();
      host = null;
    }
    if (ops != null) {
      ops.close();
      ops = null;
    }
    if (!keep) {
      deleteTopicsAndGroups();
    } else {
      log.info("kept the shadow topics and groups under {}", prefix());
    }
    work.close();
  }

  /** Streams members stay in their group on close unless told; the groups are deleted next. */
  private static void leaveGroups(List<StreamDeskService> services) {
    for (StreamDeskService service : services) {
      StreamsRunner runner =
          switch (service) {
            case IntentStreamService s -> s.runner();
            case RetrievalStreamService s -> s.runner();
            default -> null;
          };
      if (runner != null) {
        runner
            .kafkaStreams()
            .close(
                CloseOptions.groupMembershipOperation(
                        CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
      }
    }
  }

  private void deleteTopicsAndGroups() {
    String prefix = prefix();
    try (Admin admin = Admin.create(access.clientProperties())) {
      List<String> doomed =
          admin.listTopics().names().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(prefix))
              .toList();
      if (!doomed.isEmpty()) {
        admin.deleteTopics(doomed).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      deleteGroups(admin, prefix);
      log.info("deleted {} shadow topics under {}", doomed.size(), prefix);
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "could not clean up the shadow topics and groups under {}: {}", prefix, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteGroups(Admin admin, String prefix)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      List<String> groups = new ArrayList<>();
      for (GroupListing g :
          admin.listGroups().all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        if (g.groupId().startsWith(prefix)) {
          groups.add(g.groupId());
        }
      }
      if (groups.isEmpty()) {
        return;
      }
      try {
        admin.deleteConsumerGroups(groups).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        // A member that has not left yet (its session still running): try again shortly.
        if (System.nanoTime() > deadline) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
    }
  }

  /** Topic names a replay must never write: the channels' side of the real pipeline. */
  static Set<String> realChannelTopics(Topics real) {
    return Set.of(real.replies().name(), real.handoffs().name(), real.deliveries().name());
  }

  @Override
  public String toString() {
    return "shadow pipeline " + Objects.toString(prefix());
  }
}
