package io.streamdesk.retrieval;

import io.streamdesk.knowledge.settings.KnowledgeSettings;
import io.streamdesk.retrieval.cache.CacheSettings;
import io.streamdesk.retrieval.decision.DecisionSettings;
import io.streamdesk.retrieval.decision.ReplyTemplates;
import io.streamdesk.retrieval.search.FollowUpSettings;
import io.streamdesk.retrieval.search.FusionSettings;
import io.streamdesk.retrieval.search.RelevanceThresholds;
import io.streamdesk.retrieval.state.StateSettings;
import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.streams.StreamsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything the retrieval-stream service reads, resolved and validated at start-up ({@link
 * #load(Configuration)} reports every problem at once). Keys and defaults: {@link #DEFINITION}
 * (also printed by {@code ./cs config-reference}).
 *
 * @param kafka brokers, registry, topic catalogue (shared keys)
 * @param streams Kafka Streams settings (shared {@code streams.*} keys)
 * @param knowledge where the knowledge base is and which model built each language (shared {@code
 *     kb.*} keys of the knowledge module, the indexer's too)
 * @param decision how messages are answered ({@code retrieval.kb.intents}, ...)
 * @param fusion how vector and keyword rankings are fused
 * @param thresholds the relevance gate
 * @param followUp follow-up detection and expansion
 * @param cache the answer cache
 * @param state conversation state limits and expiry
 * @param kbVersionMaxAge how stale the KB version used for cache keys may be
 */
public record RetrievalStreamConfig(
    KafkaSettings kafka,
    StreamsSettings streams,
    KnowledgeSettings knowledge,
    DecisionSettings decision,
    FusionSettings fusion,
    RelevanceThresholds thresholds,
    FollowUpSettings followUp,
    CacheSettings cache,
    StateSettings state,
    Duration kbVersionMaxAge) {

  // --- decisions ------------------------------------------------------------------------------

  public static final ConfigKey<List<String>> KB_INTENTS =
      ConfigKey.list("retrieval.kb.intents")
          .withDefault(List.copyOf(new java.util.TreeSet<>(DecisionSettings.DEFAULT_KB_INTENTS)))
          .withDoc(
              "Intents answered from the knowledge base: a relevant passage gives a generation"
                  + " request; none gives a clarifying question, and repeated ones a handoff.");

  public static final ConfigKey<List<String>> OPPORTUNISTIC_INTENTS =
      ConfigKey.list("retrieval.search.also-intents")
          .withDefault(List.of("complaint", "other"))
          .withDoc(
              "Intents also searched: answered from the knowledge base when a passage is"
                  + " relevant, otherwise with their own reply (complaint: acknowledged; other and"
                  + " out-of-scope: what the assistant can help with). Empty: never searched.");

  public static final ConfigKey<Integer> HANDOFF_AFTER =
      ConfigKey.integer("retrieval.unanswered.handoff-after")
          .withDefault(3)
          .withDoc(
              "The customer message that makes this many unanswered in a row (no relevant"
                  + " passage) is handed to a human agent (HandoffRequested REPEATED_FAILURE).")
          .withValidator(ConfigValidator.between(1, 100));

  public static final ConfigKey<Double> DIRECT_MIN_CONFIDENCE =
      ConfigKey.decimal("retrieval.direct.min-confidence")
          .withDefault(DecisionSettings.defaults().directMinConfidence())
          .withDoc(
              "Least confidence for a greeting or thanks to get its direct reply; an unsure one"
                  + " (\"And Gold?\" read as a greeting) is searched like the other intent.")
          .withValidator(ConfigValidator.between(0.0, 1.0));

  public static final ConfigKey<Duration> DEADLINE =
      ConfigKey.duration("retrieval.generation.deadline")
          .withDefault(Duration.ofSeconds(20))
          .withDoc(
              "GenerateReply.deadline = request time + this; later, the worker answers FALLBACK.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Integer> TOP_K =
      ConfigKey.integer("retrieval.top-k")
          .withDefault(5)
          .withDoc("Passages in a generation request, best first.")
          .withValidator(ConfigValidator.between(1, 50));

  public static final ConfigKey<String> TEMPLATE_LANGUAGE =
      ConfigKey.string("retrieval.templates.default-language")
          .withDefault("en")
          .withDoc(
              "Language of direct replies to customers writing in a language without templates"
                  + " (bundled: "
                  + String.join(", ", ReplyTemplates.LANGUAGES)
                  + ").")
          .withValidator(
              ConfigValidator.of(ReplyTemplates.LANGUAGES::contains, "has no bundled templates"));

  // --- search ---------------------------------------------------------------------------------

  public static final ConfigKey<Double> VECTOR_WEIGHT =
      ConfigKey.decimal("retrieval.fusion.vector-weight")
          .withDefault(FusionSettings.defaults().vectorWeight())
          .withDoc("RRF weight of the vector ranking (best cosine of a chunk's vectors).")
          .withValidator(ConfigValidator.between(0.0, 10.0));

  public static final ConfigKey<Double> KEYWORD_WEIGHT =
      ConfigKey.decimal("retrieval.fusion.keyword-weight")
          .withDefault(FusionSettings.defaults().keywordWeight())
          .withDoc(
              "RRF weight of the BM25 ranking. Vector-led by default: BM25 misses colloquial"
                  + " paraphrases (module README, calibration).")
          .withValidator(ConfigValidator.between(0.0, 10.0));

  public static final ConfigKey<Integer> RRF_K =
      ConfigKey.integer("retrieval.fusion.rrf-k")
          .withDefault(FusionSettings.defaults().rrfK())
          .withDoc("RRF damping constant: small values let the first ranks dominate.")
          .withValidator(ConfigValidator.between(1, 1000));

  public static final ConfigKey<Integer> CANDIDATES =
      ConfigKey.integer("retrieval.fusion.candidates")
          .withDefault(FusionSettings.defaults().candidates())
          .withDoc(
              "How deep each ranking is read before fusion (each candidate is a stored-chunk"
                  + " load; vector-led fusion needs few).")
          .withValidator(ConfigValidator.between(1, 1000));

  public static final ConfigKey<List<String>> MIN_COSINE =
      ConfigKey.list("retrieval.relevance.min-cosine")
          .withDefault(asEntries(RelevanceThresholds.defaults().minCosine()))
          .withDoc(
              "Relevance gate: the best passage's cosine must reach this, per index language"
                  + " (lang=value, * for the others). Calibrated with ./cs retrieval-calibrate.");

  public static final ConfigKey<List<String>> MIN_BM25 =
      ConfigKey.list("retrieval.relevance.min-bm25")
          .withDefault(asEntries(RelevanceThresholds.defaults().minBm25()))
          .withDoc(
              "Relevance gate of keyword-only searches (the carried vector's model is not the"
                  + " index's): the best BM25 score must reach this (lang=value, * for the others).");

  public static final ConfigKey<Duration> KB_VERSION_MAX_AGE =
      ConfigKey.duration("retrieval.kb-version.max-age")
          .withDefault(Duration.ofSeconds(1))
          .withDoc(
              "How often the KB version is re-read for answer-cache keys: a new KB version"
                  + " invalidates cached answers within this.")
          .withValidator(ConfigValidator.nonNegativeDuration());

  // --- follow-ups -----------------------------------------------------------------------------

  public static final ConfigKey<Boolean> FOLLOW_UP_ENABLED =
      ConfigKey.bool("retrieval.followup.enabled")
          .withDefault(true)
          .withDoc("Expand short or anaphoric follow-ups with the previous search.");

  public static final ConfigKey<Double> FOLLOW_UP_WEIGHT =
      ConfigKey.decimal("retrieval.followup.vector-weight")
          .withDefault(FollowUpSettings.defaults().vectorWeight())
          .withDoc(
              "Weight of the previous query vector added to a follow-up's own (then normalised).")
          .withValidator(ConfigValidator.between(0.0, 4.0));

  public static final ConfigKey<Duration> FOLLOW_UP_WINDOW =
      ConfigKey.duration("retrieval.followup.window")
          .withDefault(FollowUpSettings.defaults().window())
          .withDoc("A previous search older than this is no context for a follow-up.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Integer> FOLLOW_UP_HAN =
      ConfigKey.integer("retrieval.followup.max-han-chars")
          .withDefault(FollowUpSettings.defaults().maxHanChars())
          .withDoc("A Chinese message of at most this many Han characters is a follow-up.")
          .withValidator(ConfigValidator.between(0, 200));

  public static final ConfigKey<Integer> FOLLOW_UP_WORDS =
      ConfigKey.integer("retrieval.followup.max-words")
          .withDefault(FollowUpSettings.defaults().maxWords())
          .withDoc("A message in another language of at most this many words is a follow-up.")
          .withValidator(ConfigValidator.between(0, 100));

  // --- answer cache ---------------------------------------------------------------------------

  public static final ConfigKey<Boolean> CACHE_ENABLED =
      ConfigKey.bool("retrieval.cache.enabled")
          .withDefault(true)
          .withDoc(
              "Answer the same normalised question (intent, language, KB version) from the cache.");

  public static final ConfigKey<Integer> CACHE_SIZE =
      ConfigKey.integer("retrieval.cache.max-entries")
          .withDefault(CacheSettings.defaults().maxEntries())
          .withDoc("Cached answers per partition; the least recently used go first.")
          .withValidator(ConfigValidator.between(1, 10_000_000));

  public static final ConfigKey<Duration> CACHE_TTL =
      ConfigKey.duration("retrieval.cache.ttl")
          .withDefault(CacheSettings.defaults().ttl())
          .withDoc("A cached answer older than this is not used, and is purged.")
          .withValidator(ConfigValidator.positiveDuration());

  // --- conversation state ---------------------------------------------------------------------

  public static final ConfigKey<Integer> HISTORY_TURNS =
      ConfigKey.integer("retrieval.history.turns")
          .withDefault(StateSettings.defaults().historyTurns())
          .withDoc("Turns kept in full; older ones are folded into the extractive summary.")
          .withValidator(ConfigValidator.between(1, 100));

  public static final ConfigKey<Integer> SUMMARY_CHARS =
      ConfigKey.integer("retrieval.summary.max-chars")
          .withDefault(StateSettings.defaults().maxSummaryChars())
          .withDoc("Longest summary; lines without facts are dropped first.")
          .withValidator(ConfigValidator.between(0, 100_000));

  public static final ConfigKey<Integer> MAX_FACTS =
      ConfigKey.integer("retrieval.facts.max")
          .withDefault(StateSettings.defaults().maxFacts())
          .withDoc("Facts kept per conversation (order numbers, products, dates, promises).")
          .withValidator(ConfigValidator.between(0, 1000));

  public static final ConfigKey<Integer> MAX_INTENTS =
      ConfigKey.integer("retrieval.intent-history.max")
          .withDefault(StateSettings.defaults().maxIntentHistory())
          .withDoc("Intents kept in a conversation's intent history.")
          .withValidator(ConfigValidator.between(0, 1000));

  public static final ConfigKey<Integer> TURN_CHARS =
      ConfigKey.integer("retrieval.turn.max-chars")
          .withDefault(StateSettings.defaults().maxTurnChars())
          .withDoc("Longer turn texts are cut in the state (the state stays small).")
          .withValidator(ConfigValidator.between(16, 100_000));

  public static final ConfigKey<Duration> IDLE_TIMEOUT =
      ConfigKey.duration("retrieval.conversation.idle-timeout")
          .withDefault(StateSettings.defaults().idleTimeout())
          .withDoc("A conversation without activity for this long is CLOSED (wall clock).")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> RETENTION =
      ConfigKey.duration("retrieval.conversation.retention")
          .withDefault(StateSettings.defaults().retention())
          .withDoc(
              "A CLOSED conversation is deleted this long after closing (tombstone on"
                  + " cs.conversations); a customer who comes back later starts afresh.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> SWEEP_INTERVAL =
      ConfigKey.duration("retrieval.conversation.sweep-interval")
          .withDefault(StateSettings.defaults().sweepInterval())
          .withDoc(
              "How often the wall-clock punctuator closes idle conversations and purges the"
                  + " answer cache.")
          .withValidator(ConfigValidator.positiveDuration());

  /** The service's own keys and the knowledge-base keys it reads (for the reference). */
  public static final ConfigDefinition OWN_DEFINITION =
      ConfigDefinition.of(
              RetrievalTopology.SERVICE,
              KB_INTENTS,
              OPPORTUNISTIC_INTENTS,
              HANDOFF_AFTER,
              DIRECT_MIN_CONFIDENCE,
              DEADLINE,
              TOP_K,
              TEMPLATE_LANGUAGE,
              VECTOR_WEIGHT,
              KEYWORD_WEIGHT,
              RRF_K,
              CANDIDATES,
              MIN_COSINE,
              MIN_BM25,
              KB_VERSION_MAX_AGE,
              FOLLOW_UP_ENABLED,
              FOLLOW_UP_WEIGHT,
              FOLLOW_UP_WINDOW,
              FOLLOW_UP_HAN,
              FOLLOW_UP_WORDS,
              CACHE_ENABLED,
              CACHE_SIZE,
              CACHE_TTL,
              HISTORY_TURNS,
              SUMMARY_CHARS,
              MAX_FACTS,
              MAX_INTENTS,
              TURN_CHARS,
              IDLE_TIMEOUT,
              RETENTION,
              SWEEP_INTERVAL)
          .including(KnowledgeConfig.DEFINITION);

  /** Every key the service reads, shared Kafka and Streams keys included. */
  public static final ConfigDefinition DEFINITION =
      OWN_DEFINITION.including(KafkaSettings.DEFINITION, StreamsSettings.DEFINITION);

  public RetrievalStreamConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(knowledge, "knowledge");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(fusion, "fusion");
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(followUp, "followUp");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(kbVersionMaxAge, "kbVersionMaxAge");
  }

  /**
   * Resolves and validates the configuration.
   *
   * @throws ConfigException listing every missing, unparsable or inconsistent value
   */
  public static RetrievalStreamConfig load(Configuration configuration) {
    ConfigValues v = configuration.resolve(DEFINITION);
    List<String> problems = new ArrayList<>();
    KnowledgeSettings knowledge = attempt(problems, () -> KnowledgeConfig.from(v));
    DecisionSettings decision =
        attempt(
            problems,
            () ->
                new DecisionSettings(
                    intents(v.get(KB_INTENTS), KB_INTENTS),
                    intents(v.get(OPPORTUNISTIC_INTENTS), null),
                    v.get(HANDOFF_AFTER),
                    v.get(DEADLINE),
                    v.get(TOP_K),
                    v.get(TEMPLATE_LANGUAGE),
                    v.get(DIRECT_MIN_CONFIDENCE)));
    FusionSettings fusion =
        attempt(
            problems,
            () ->
                new FusionSettings(
                    v.get(VECTOR_WEIGHT), v.get(KEYWORD_WEIGHT), v.get(RRF_K), v.get(CANDIDATES)));
    RelevanceThresholds thresholds =
        attempt(
            problems,
            () -> {
              try {
                return new RelevanceThresholds(
                    RelevanceThresholds.parse(v.get(MIN_COSINE)),
                    RelevanceThresholds.parse(v.get(MIN_BM25)));
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    MIN_COSINE.name() + " / " + MIN_BM25.name() + ": " + e.getMessage(), e);
              }
            });
    FollowUpSettings followUp =
        attempt(
            problems,
            () ->
                new FollowUpSettings(
                    v.get(FOLLOW_UP_ENABLED),
                    v.get(FOLLOW_UP_WEIGHT),
                    v.get(FOLLOW_UP_WINDOW),
                    v.get(FOLLOW_UP_HAN),
                    v.get(FOLLOW_UP_WORDS)));
    CacheSettings cache =
        attempt(
            problems,
            () ->
                new CacheSettings(
                    v.get(CACHE_ENABLED),
                    v.get(CACHE_SIZE),
                    v.get(CACHE_TTL),
                    CacheSettings.defaults().pendingMaxEntries()));
    StateSettings state =
        attempt(
            problems,
            () ->
                new StateSettings(
                    v.get(HISTORY_TURNS),
                    v.get(SUMMARY_CHARS),
                    v.get(MAX_FACTS),
                    v.get(MAX_INTENTS),
                    v.get(TURN_CHARS),
                    v.get(IDLE_TIMEOUT),
                    v.get(RETENTION),
                    v.get(SWEEP_INTERVAL)));
    if (!problems.isEmpty()) {
      throw new ConfigException(RetrievalTopology.SERVICE, problems);
    }
    return new RetrievalStreamConfig(
        KafkaSettings.from(v),
        StreamsSettings.from(v),
        knowledge,
        decision,
        fusion,
        thresholds,
        followUp,
        cache,
        state,
        v.get(KB_VERSION_MAX_AGE));
  }

  private static Set<String> intents(List<String> raw, ConfigKey<?> requiredNonEmpty) {
    Set<String> out = new LinkedHashSet<>();
    raw.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    if (requiredNonEmpty != null && out.isEmpty()) {
      throw new IllegalArgumentException(requiredNonEmpty.name() + ": name at least one intent");
    }
    return out;
  }

  private static List<String> asEntries(java.util.Map<String, Double> entries) {
    List<String> out = new ArrayList<>();
    entries.entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
        .forEach(e -> out.add(e.getKey() + "=" + e.getValue()));
    return out;
  }

  private static <T> T attempt(List<String> problems, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return null;
    }
  }
}
