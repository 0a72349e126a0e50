package io.streamdesk.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a cluster hold the topics of a catalogue: creates the missing ones with the descriptor's
 * partitions, replication factor and {@link Topic#configs() configs}, and reports how existing ones
 * differ (partition count, {@code cleanup.policy}, {@code retention.ms}). It never deletes, alters
 * or repartitions a topic, so it is safe to run at every start-up and concurrently from several
 * services: a topic another process created first counts as existing.
 */
public final class TopicCreator {

  private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);
  private static final List<String> CHECKED_CONFIGS =
      List.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.RETENTION_MS_CONFIG);

  private static final Duration RETRY_BACKOFF = Duration.ofMillis(100);

  private final Admin admin;
  private final Duration timeout;

  /**
   * @param admin the client used; the caller owns and closes it
   * @param timeout how long each round trip (list, create, describe) may take
   */
  public TopicCreator(Admin admin, Duration timeout) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** A creator with a 30 second timeout per round trip. */
  public TopicCreator(Admin admin) {
    this(admin, Duration.ofSeconds(30));
  }

  /** Ensures every topic of the catalogue exists. */
  public TopicReport ensure(Topics topics) {
    return ensure(topics.all());
  }

  /** Ensures the given topics exist; see the class comment for what it does and does not do. */
  public TopicReport ensure(Collection<? extends Topic<?, ?>> topics) {
    Map<String, Topic<?, ?>> wanted = new LinkedHashMap<>();
    topics.forEach(t -> wanted.put(t.name(), t));
    Set<String> present = await(admin.listTopics().names(), "list topics");

    List<String> created = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    List<NewTopic> toCreate = new ArrayList<>();
    for (Topic<?, ?> topic : wanted.values()) {
      if (present.contains(topic.name())) {
        existing.add(topic.name());
      } else {
        toCreate.add(
            new NewTopic(topic.name(), topic.partitions(), topic.replicationFactor())
                .configs(topic.configs()));
      }
    }
    if (!toCreate.isEmpty()) {
      Map<String, KafkaFuture<Void>> results = admin.createTopics(toCreate).values();
      for (var result : results.entrySet()) {
        if (createdNow(result.getKey(), result.getValue())) {
          created.add(result.getKey());
        } else {
          existing.add(result.getKey());
        }
      }
    }
    List<TopicDrift> drifts = existing.isEmpty() ? List.of() : drift(existing, wanted);
    TopicReport report = new TopicReport(created, existing, drifts);
    if (!created.isEmpty()) {
      log.info("Created topics {}", created);
    }
    drifts.forEach(d -> log.warn("Topic drift: {}", d));
    return report;
  }

  /** True when this call created the topic, false when someone else created it first. */
  private boolean createdNow(String name, KafkaFuture<Void> future) {
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw new TopicCreationException(
          "could not create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new TopicCreationException(
          "creating topic " + name + " did not finish within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicCreationException("interrupted while creating topic " + name, e);
    }
  }

  private List<TopicDrift> drift(List<String> names, Map<String, Topic<?, ?>> wanted) {
    // A topic created a moment ago (here or by another service) may not have reached the
    // broker's metadata cache yet: retriable errors are retried until the timeout.
    Map<String, TopicDescription> descriptions =
        awaitRetrying(
            () -> admin.describeTopics(names).allTopicNames(), "describe topics " + names);
    List<ConfigResource> resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs =
        awaitRetrying(() -> admin.describeConfigs(resources).all(), "describe configs of " + names);

    List<TopicDrift> drifts = new ArrayList<>();
    for (String name : names) {
      Topic<?, ?> topic = wanted.get(name);
      int actualPartitions = descriptions.get(name).partitions().size();
      if (actualPartitions != topic.partitions()) {
        drifts.add(
            new TopicDrift(
                name,
                "partitions",
                Integer.toString(topic.partitions()),
                Integer.toString(actualPartitions)));
      }
      Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
      Map<String, String> expected = topic.configs();
      for (String key : CHECKED_CONFIGS) {
        String want = expected.get(key);
        ConfigEntry entry = actual.get(key);
        String have = entry == null ? null : entry.value();
        if (want != null && !want.equals(have)) {
          drifts.add(new TopicDrift(name, key, want, have));
        }
      }
    }
    return drifts;
  }

  private <T> T awaitRetrying(Supplier<KafkaFuture<T>> call, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return await(call.get(), what);
      } catch (TopicCreationException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        pause(RETRY_BACKOFF);
      }
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicCreationException("interrupted while waiting for topic metadata", e);
    }
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new TopicCreationException(
          "could not " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new TopicCreationException(
          "could not " + what + " within " + timeout + " (is the cluster reachable?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicCreationException("interrupted while trying to " + what, e);
    }
  }
}
