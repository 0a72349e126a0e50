package io.streamdesk.retrieval;

import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.retrieval.cache.CacheSettings;
import io.streamdesk.retrieval.decision.ReplyTemplates;
import io.streamdesk.retrieval.decision.RetrievalDecider;
import io.streamdesk.retrieval.search.KbVersionTracker;
import io.streamdesk.retrieval.search.KnowledgeSearch;
import io.streamdesk.retrieval.search.QueryPlanner;
import io.streamdesk.retrieval.search.RelevanceGate;
import io.streamdesk.retrieval.state.ConversationLedger;
import java.util.Objects;

/**
 * What the retrieval topology's processors run with, built once per application from its
 * configuration and shared resources (the index) and shared by its stream threads (all
 * thread-safe).
 */
public record RetrievalComponents(
    RetrievalDecider decider,
    ConversationLedger ledger,
    CacheSettings cache,
    KbVersionTracker kbVersion,
    RetrievalMetrics metrics) {

  public RetrievalComponents {
    Objects.requireNonNull(decider, "decider");
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(kbVersion, "kbVersion");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The components of a configuration over an opened index. */
  public static RetrievalComponents create(
      RetrievalStreamConfig config, VectorIndex index, RetrievalMetrics metrics) {
    KbVersionTracker kbVersion = new KbVersionTracker(index, config.kbVersionMaxAge());
    RetrievalDecider decider =
        new RetrievalDecider(
            config.decision(),
            config.cache(),
            new QueryPlanner(config.knowledge(), config.followUp()),
            new KnowledgeSearch(index, config.fusion()),
            new RelevanceGate(config.thresholds()),
            kbVersion,
            ReplyTemplates.bundled(config.decision().templateLanguage()),
            metrics);
    return new RetrievalComponents(
        decider, new ConversationLedger(config.state()), config.cache(), kbVersion, metrics);
  }
}
