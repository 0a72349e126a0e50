package io.streamdesk.runtime.config;

import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How every StreamDesk service reaches Kafka and the schema registry, and how it names and sizes
 * topics. Part of every service's config record; {@link #DEFINITION} is included in every service's
 * {@link ConfigDefinition}.
 *
 * @param bootstrapServers {@code kafka.bootstrap.servers}
 * @param schemaRegistryUrl {@code schema.registry.url}; {@code mock://scope} is the in-process one
 * @param registryBasicAuthUserInfo {@code user:password} for the registry, or null
 * @param registryBearerToken bearer token for the registry, or null
 * @param registryExtras other {@code schema.registry.*} keys, prefix kept, handed to the registry
 *     client as they are
 * @param topicPrefix prefix of every topic name
 * @param partitions partition count of conversation topics
 * @param replicationFactor replication factor of every topic
 * @param clientOverrides {@code kafka.*} keys, prefix stripped, for every Kafka client
 */
public record KafkaSettings(
    String bootstrapServers,
    String schemaRegistryUrl,
    Secret registryBasicAuthUserInfo,
    Secret registryBearerToken,
    Map<String, String> registryExtras,
    String topicPrefix,
    int partitions,
    short replicationFactor,
    Map<String, String> clientOverrides) {

  public static final String KAFKA_PREFIX = "kafka.";
  public static final String REGISTRY_PREFIX = "schema.registry.";

  public static final ConfigKey<String> BOOTSTRAP_SERVERS =
      ConfigKey.string("kafka.bootstrap.servers")
          .withDefault("127.0.0.1:9092")
          .withDoc("Kafka brokers to bootstrap from (host:port, comma-separated).")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<String> SCHEMA_REGISTRY_URL =
      ConfigKey.string("schema.registry.url")
          .withDefault("mock://streamdesk")
          .withDoc(
              "Confluent-API schema registry (Confluent, Apicurio ccompat, Karapace, Redpanda);"
                  + " mock://SCOPE is an in-process registry shared by one JVM only (local stack,"
                  + " tests): set a real URL whenever services run in separate processes.")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<Secret> REGISTRY_BASIC_AUTH =
      ConfigKey.secret("schema.registry.basic.auth.user.info")
          .withDoc("Registry basic-auth credentials as user:password; never printed.");

  public static final ConfigKey<Secret> REGISTRY_BEARER_TOKEN =
      ConfigKey.secret("schema.registry.bearer.auth.token")
          .withDoc("Registry bearer token; never printed.");

  public static final ConfigKey<String> TOPIC_PREFIX =
      ConfigKey.string("topic.prefix")
          .withDefault("")
          .withDoc("Prefix of every topic name, e.g. shadow.r1. for a replay pipeline.");

  public static final ConfigKey<Integer> PARTITIONS =
      ConfigKey.integer("topic.partitions")
          .withDefault(TopicSettings.DEFAULT_PARTITIONS)
          .withDoc("Partition count of every conversation topic (all equal, so they co-partition).")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Integer> REPLICATION_FACTOR =
      ConfigKey.integer("topic.replication.factor")
          .withDefault(1)
          .withDoc("Replication factor topics are created with (3 on a production cluster).")
          .withValidator(ConfigValidator.between(1, (int) Short.MAX_VALUE));

  /** The keys and pass-throughs of the shared Kafka settings. */
  public static final ConfigDefinition DEFINITION =
      ConfigDefinition.of(
              "kafka",
              BOOTSTRAP_SERVERS,
              SCHEMA_REGISTRY_URL,
              REGISTRY_BASIC_AUTH,
              REGISTRY_BEARER_TOKEN,
              TOPIC_PREFIX,
              PARTITIONS,
              REPLICATION_FACTOR)
          .withPassThrough(
              KAFKA_PREFIX,
              "Any Kafka client config for every producer, consumer, admin and Streams client,"
                  + " e.g. kafka.security.protocol=SASL_SSL.")
          .withPassThrough(
              REGISTRY_PREFIX, "Any other schema-registry client setting, passed as it is.");

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    registryExtras = Map.copyOf(registryExtras);
    clientOverrides = Map.copyOf(clientOverrides);
    // Validates prefix, partitions and replication factor with the catalogue's own rules.
    new TopicSettings(topicPrefix, partitions, replicationFactor);
  }

  /** The settings from resolved values of a definition that includes {@link #DEFINITION}. */
  public static KafkaSettings from(ConfigValues values) {
    Map<String, String> registryExtras = new TreeMap<>();
    values
        .passThrough(REGISTRY_PREFIX)
        .forEach(
            (k, v) -> {
              String key = REGISTRY_PREFIX + k;
              if (DEFINITION.key(key).isEmpty()) {
                registryExtras.put(key, v);
              }
            });
    Map<String, String> clientOverrides = new TreeMap<>(values.passThrough(KAFKA_PREFIX));
    clientOverrides.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    return new KafkaSettings(
        values.get(BOOTSTRAP_SERVERS),
        values.get(SCHEMA_REGISTRY_URL),
        values.find(REGISTRY_BASIC_AUTH).orElse(null),
        values.find(REGISTRY_BEARER_TOKEN).orElse(null),
        registryExtras,
        values.get(TOPIC_PREFIX),
        values.get(PARTITIONS),
        values.get(REPLICATION_FACTOR).shortValue(),
        clientOverrides);
  }

  /** Resolves and validates the shared Kafka settings alone. */
  public static KafkaSettings load(Configuration configuration) {
    return from(configuration.resolve(DEFINITION));
  }

  /**
   * Settings for a given broker and registry with every other key at its default: the local stack
   * and tests.
   */
  public static KafkaSettings of(String bootstrapServers, String schemaRegistryUrl) {
    return load(
        Configuration.of(
            Map.of(
                BOOTSTRAP_SERVERS.name(), bootstrapServers,
                SCHEMA_REGISTRY_URL.name(), schemaRegistryUrl)));
  }

  /** The same settings with a topic prefix, partition count and replication factor. */
  public KafkaSettings withTopics(TopicSettings topics) {
    return new KafkaSettings(
        bootstrapServers,
        schemaRegistryUrl,
        registryBasicAuthUserInfo,
        registryBearerToken,
        registryExtras,
        topics.prefix(),
        topics.partitions(),
        topics.replicationFactor(),
        clientOverrides);
  }

  public TopicSettings topicSettings() {
    return new TopicSettings(topicPrefix, partitions, replicationFactor);
  }

  /** The topic catalogue these settings name and size. */
  public Topics topics() {
    return Topics.of(topicSettings());
  }

  /**
   * Properties for any Kafka client: the {@code kafka.*} overrides plus {@code bootstrap.servers}.
   * A fresh mutable map each call, so callers add their own keys.
   */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new LinkedHashMap<>(clientOverrides);
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }

  /**
   * Properties for the schema-registry client ({@code RegistryConfig.fromProperties}), keys with
   * their {@code schema.registry.} prefix, secrets revealed. A fresh mutable map each call.
   */
  public Map<String, Object> registryProperties() {
    Map<String, Object> props = new LinkedHashMap<>(registryExtras);
    props.put(SCHEMA_REGISTRY_URL.name(), schemaRegistryUrl);
    if (registryBasicAuthUserInfo != null) {
      props.put(REGISTRY_BASIC_AUTH.name(), registryBasicAuthUserInfo.reveal());
    }
    if (registryBearerToken != null) {
      props.put(REGISTRY_BEARER_TOKEN.name(), registryBearerToken.reveal());
    }
    return props;
  }

  /** The registry client configuration these settings describe. */
  public RegistryConfig registryConfig() {
    return RegistryConfig.fromProperties(registryProperties());
  }

  /** Masks secrets and sensitive client overrides (passwords, JAAS configs, tokens). */
  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", schemaRegistryUrl="
        + schemaRegistryUrl
        + ", registryBasicAuthUserInfo="
        + registryBasicAuthUserInfo
        + ", registryBearerToken="
        + registryBearerToken
        + ", registryExtras="
        + masked(registryExtras)
        + ", topicPrefix="
        + topicPrefix
        + ", partitions="
        + partitions
        + ", replicationFactor="
        + replicationFactor
        + ", clientOverrides="
        + masked(clientOverrides)
        + "]";
  }

  private static Map<String, String> masked(Map<String, String> entries) {
    Map<String, String> out = new TreeMap<>();
    entries.forEach(
        (k, v) -> out.put(k, ConfigValues.SENSITIVE.matcher(k).matches() ? Secret.MASK : v));
    return out;
  }
}
