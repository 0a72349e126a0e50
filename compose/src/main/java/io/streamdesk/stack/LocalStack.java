package io.streamdesk.stack;

import io.streamdesk.intent.IntentStreamConfig;
import io.streamdesk.kb.index.IndexListener;
import io.streamdesk.kb.index.IndexSource;
import io.streamdesk.kb.index.IndexSummary;
import io.streamdesk.kb.index.IndexerConfig;
import io.streamdesk.kb.index.KnowledgeBaseIndexer;
import io.streamdesk.kb.index.KnowledgeBaseSettings;
import io.streamdesk.kb.sample.SampleKnowledgeBase;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.kafka.EmbeddedKafkaBroker;
import io.streamdesk.runtime.ops.OpsServer;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.ServiceHost;
import io.streamdesk.runtime.service.StreamDeskService;
import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.serde.AvroTopicSerdes;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every StreamDesk service in one JVM on an embedded KRaft broker and the in-process {@code
 * mock://} registry: what {@code ./cs up} runs and what the end-to-end tests start. Services are
 * the same classes the compose deployment runs one per container; only their configuration differs.
 *
 * <p>Everything lives under the data directory (broker log, Streams state, index, intent
 * classifiers, schema journal), so a restart keeps conversations, the knowledge base and the
 * models.
 */
public final class LocalStack implements AutoCloseable {

  /** Start order: the indexer owns the shared index and encoders; the HTTP edge opens last. */
  static final List<String> SERVICE_ORDER =
      List.of(
          "kb-indexer",
          "intent-stream",
          "retrieval-stream",
          "generation-worker",
          "reply-dispatcher",
          "ingest-connector");

  /** Folder of the intent classifiers under the data directory ({@code intent.models.dir}). */
  public static final String INTENT_MODELS = "intent-models";

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  private static final String REGISTRY_SCOPE = "local-stack";

  private final LocalStackOptions options;
  private EmbeddedKafkaBroker broker;
  private AvroTopicSerdes serdes;
  private OpsServer ops;
  private ServiceHost host;
  private ServiceContext context;
  private KafkaSettings kafka;
  private IndexSummary knowledgeBaseSummary;

  public LocalStack(LocalStackOptions options) {
    this.options = options;
  }

  /** Starts the broker, every service and indexes the knowledge base; returns once all serve. */
  public LocalStack start() {
    long started = System.nanoTime();
    try {
      TopicSettings topicSettings = new TopicSettings("", options.partitions(), (short) 1);
      broker =
          EmbeddedKafkaBroker.builder()
              .dataDir(options.dataDir().resolve("kafka"))
              .port(options.kafkaPort())
              .deleteDataDirOnClose(false)
              .start();
      kafka =
          KafkaSettings.of(broker.bootstrapServers(), RegistryConfig.MOCK_SCHEME + REGISTRY_SCOPE)
              .withTopics(topicSettings);
      broker.createTopics(kafka.topics());

      InMemorySchemaRegistry.forScope(REGISTRY_SCOPE)
          .persistTo(options.dataDir().resolve("schemas.jsonl"));
      serdes = AvroTopicSerdes.create(kafka.registryConfig());
      registerCatalogueSchemas();
      ops = OpsServer.builder().port(options.opsPort()).start();
      Configuration configuration = Configuration.load(configurationOverrides());
      context = ServiceContext.of(configuration, kafka, serdes, ops.meterRegistry());
      host = new ServiceHost(ops, context);
      for (String name : SERVICE_ORDER) {
        ServiceFactory factory =
            ServiceFactory.named(name)
                .orElseThrow(() -> new IllegalStateException(name + " is not on the classpath"));
        host.start(factory);
        if (name.equals("kb-indexer")) {
          knowledgeBaseSummary = indexKnowledgeBase();
        }
      }
      LOG.info(
          "StreamDesk local stack ready in {} s",
          Duration.ofNanos(System.nanoTime() - started).toSeconds());
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Gives every catalogue schema its id now rather than at its topic's first write, so the journal
   * holds them all: the tools that read and write this stack from another process ({@code ./cs
   * bench}, {@code replay}, {@code export} with {@code --data-dir}) load the journal once,
   * read-only.
   */
  private void registerCatalogueSchemas() {
    for (Topic<?, ?> topic : kafka.topics().all()) {
      serdes.registry().register(topic.name() + "-value", topic.valueSchema());
    }
  }

  /**
   * ONNX Runtime threads per run of the encoders shared by the kb-indexer and the intent stream.
   * One JVM holds one copy of each encoder, opened by the kb-indexer, so it takes the message
   * path's setting ({@code encoder.intra-op-threads}, 1 by default): one short text per run, where
   * extra runtime threads only spin (about 30% of a core each under {@code ./cs bench}, which ran
   * at 64 instead of 162 messages/s) while bulk indexing at start-up barely gains from them.
   */
  static String sharedEncoderThreads(Map<String, String> overrides) {
    ConfigKey<Integer> perMessage = IntentStreamConfig.ENCODER_THREADS;
    return overrides.getOrDefault(
        perMessage.name(), perMessage.defaultOptional().orElseThrow().toString());
  }

  /** The key/values every service reads in the local stack; user overrides win. */
  Map<String, String> configurationOverrides() {
    Path data = options.dataDir();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    config.put("schema.registry.url", kafka.schemaRegistryUrl());
    config.put("topic.partitions", Integer.toString(options.partitions()));
    config.put("kb.index.dir", data.resolve("index").toString());
    config.put("streams.state.dir", data.resolve("state").toString());
    // the intent classifiers trained at first start: under the data directory like everything
    // else, not in the shared temp folder where another stack's (or version's) models would serve
    config.put("intent.models.dir", data.resolve(INTENT_MODELS).toString());
    config.put(
        KnowledgeBaseSettings.ENCODER_THREADS.name(), sharedEncoderThreads(options.overrides()));
    config.put("ingest.port", Integer.toString(options.httpPort()));
    config.put("generation.backend", options.generator());
    // chat sessions survive a restart of the stack, as the conversations do
    config.put("ingest.web.session-secret", WebSessionSecret.readOrCreate(data));
    if (options.modelDir() != null) {
      config.put("generation.onnx.model-dir", options.modelDir().toString());
    }
    config.putAll(options.overrides());
    return config;
  }

  private IndexSummary indexKnowledgeBase() {
    VectorIndex index = context.shared(VectorIndex.class, LocalStack::notCreatedByIndexer);
    LanguageRouter router = context.shared(LanguageRouter.class, LocalStack::notCreatedByIndexer);
    KnowledgeBaseIndexer indexer =
        new KnowledgeBaseIndexer(index, router, IndexerConfig.defaults());
    IndexSummary summary;
    if (options.knowledgeBase().isEmpty()) {
      summary = SampleKnowledgeBase.indexInto(indexer, IndexListener.NONE);
    } else {
      List<IndexSource> sources = new ArrayList<>();
      options.knowledgeBase().forEach(path -> sources.add(IndexSource.of(path)));
      summary = indexer.index(sources, IndexListener.NONE);
    }
    LOG.info(
        "knowledge base: {} added, {} updated, {} unchanged, {} failed; kb version {}",
        summary.added(),
        summary.updated(),
        summary.unchanged(),
        summary.failed(),
        summary.kbVersion());
    summary.failures().forEach(f -> LOG.warn("not indexed: {}", f));
    return summary;
  }

  private static <T> T notCreatedByIndexer() {
    throw new IllegalStateException("kb-indexer did not create the shared index and encoders");
  }

  public KafkaSettings kafka() {
    return kafka;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public OpsServer ops() {
    return ops;
  }

  public AvroTopicSerdes serdes() {
    return serdes;
  }

  public List<StreamDeskService> services() {
    return host == null ? List.of() : host.services();
  }

  public Optional<IndexSummary> knowledgeBaseSummary() {
    return Optional.ofNullable(knowledgeBaseSummary);
  }

  public LocalStackOptions options() {
    return options;
  }

  @Override
  public synchronized void close() {
    if (host != null) {
      host.close();
      host = null;
    }
    if (ops != null) {
      ops.close();
      ops = null;
    }
    if (serdes != null) {
      serdes.close();
      serdes = null;
    }
    if (broker != null) {
      broker.close();
      broker = null;
    }
    InMemorySchemaRegistry.drop(REGISTRY_SCOPE);
  }
}
