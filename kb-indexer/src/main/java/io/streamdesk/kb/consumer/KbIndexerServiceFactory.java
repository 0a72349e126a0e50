package io.streamdesk.kb.consumer;

import io.streamdesk.kb.index.ConfiguredIndex;
import io.streamdesk.kb.index.KnowledgeBaseIndexer;
import io.streamdesk.kb.index.KnowledgeBaseSettings;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigValues;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.service.ServiceContext;
import io.streamdesk.runtime.service.ServiceFactory;
import io.streamdesk.runtime.service.StreamDeskService;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code ./cs service kb-indexer}: the {@code cs.kb.documents} → {@code cs.kb.events} consumer over
 * the index {@code kb.index.backend} names: the embedded Lucene folder ({@code kb.index.dir}) or
 * the Qdrant server ({@code kb.qdrant.*}) that every retrieval replica reads. The index ({@link
 * VectorIndex}) and the encoders ({@link LanguageRouter}) are shared resources of the JVM, so in
 * the local stack the retrieval stream searches the very index this service writes (Lucene allows
 * one writer per folder).
 */
public final class KbIndexerServiceFactory implements ServiceFactory {

  /** A loop that has not polled for this long is reported DOWN. */
  static final Duration STALL_AFTER = Duration.ofMinutes(15);

  @Override
  public String name() {
    return KbIndexerService.NAME;
  }

  @Override
  public ConfigDefinition configDefinition() {
    return ConfigDefinition.of(KbIndexerService.NAME)
        .including(
            KafkaSettings.DEFINITION,
            KnowledgeBaseSettings.DEFINITION,
            KbConsumerConfig.DEFINITION);
  }

  @Override
  public StreamDeskService create(ServiceContext context) {
    ConfigValues values = context.configuration().resolve(configDefinition());
    var indexerConfig = KnowledgeBaseSettings.indexerConfig(values);
    KbConsumerConfig consumerConfig = KbConsumerConfig.from(values);
    VectorIndex index =
        context.shared(VectorIndex.class, () -> ConfiguredIndex.open(context.configuration()));
    LanguageRouter router =
        context.shared(
            LanguageRouter.class,
            () ->
                LanguageRouter.withOnnxModels(
                    indexerConfig.routing(),
                    EncoderConfig.defaults()
                        .withIntraOpThreads(values.get(KnowledgeBaseSettings.ENCODER_THREADS))));
    var topics = context.topics();
    var handler =
        new KnowledgeDocumentHandler(
            new KnowledgeBaseIndexer(index, router, indexerConfig),
            new DocumentFetcher(consumerConfig),
            topics.kbDocuments().name(),
            Clock.systemUTC());
    var consumer =
        new KnowledgeDocumentConsumer(
            context.kafka().clientProperties(),
            consumerConfig,
            topics,
            context.serdes(),
            handler,
            context.meterRegistry());
    return new KbIndexerService(
        consumer, topics.kbDocuments().name(), topics.kbEvents().name(), STALL_AFTER);
  }
}
