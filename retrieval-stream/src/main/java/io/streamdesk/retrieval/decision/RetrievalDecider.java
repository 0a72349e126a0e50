package io.streamdesk.retrieval.decision;

import io.streamdesk.knowledge.index.Chunk;
import io.streamdesk.knowledge.index.IndexException;
import io.streamdesk.retrieval.RetrievalMetrics;
import io.streamdesk.retrieval.cache.CacheSettings;
import io.streamdesk.retrieval.cache.CachedAnswer;
import io.streamdesk.retrieval.cache.PendingAnswer;
import io.streamdesk.retrieval.cache.QuestionKey;
import io.streamdesk.retrieval.decision.ReplyTemplates.Template;
import io.streamdesk.retrieval.search.FollowUpContext;
import io.streamdesk.retrieval.search.KbVersionTracker;
import io.streamdesk.retrieval.search.KnowledgeSearch;
import io.streamdesk.retrieval.search.QueryPlanner;
import io.streamdesk.retrieval.search.RelevanceGate;
import io.streamdesk.retrieval.search.Retrieval;
import io.streamdesk.retrieval.search.RetrievedPassage;
import io.streamdesk.retrieval.search.SearchQuery;
import io.streamdesk.retrieval.state.MessageEffect;
import io.streamdesk.retrieval.state.MessageEffect.Streak;
import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.HandoffReason;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.Passage;
import io.streamdesk.schemas.events.PolicyAction;
import io.streamdesk.schemas.events.ReplyAction;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how one classified message is answered, given its conversation's state before it:
 *
 * <ol>
 *   <li>a handoff the intent stream decided ({@code handoffReason} set): the templated
 *       "transferring you" reply, HANDOFF; the intent stream already wrote the HandoffRequested;
 *   <li>a sensitive-word policy that says REFUSE: a polite refusal, FALLBACK;
 *   <li>greeting or feedback below {@link DecisionSettings#directMinConfidence()}: searched like
 *       other (an unsure greeting is often a short follow-up such as "And Gold?");
 *   <li>greeting: a greeting or a "you're welcome", ANSWER; human_agent without a handoff: the
 *       handoff reply and a HandoffRequested (USER_REQUEST); feedback: thanks, ANSWER;
 *   <li>a knowledge-base intent: the answer cache (same normalised question, intent, language and
 *       KB version; not for follow-ups or personal questions), else a hybrid search with the
 *       carried vector (follow-ups expanded with the previous search) and the relevance gate: a
 *       relevant passage gives a GenerateReply; none gives a clarifying question (CLARIFY), and the
 *       message that makes {@code handoffAfterUnanswered} unanswered in a row a handoff
 *       (REPEATED_FAILURE, with a HandoffRequested unless the conversation is already handed off);
 *   <li>complaint and other/out-of-scope (opportunistic intents): searched the same way, answered
 *       from the knowledge base when a passage is relevant, else acknowledged (complaint) or told
 *       what the assistant can help with (other; counts as unanswered);
 *   <li>any other intent: the out-of-scope clarification.
 * </ol>
 *
 * An index that cannot be searched gives an apology (FALLBACK), never an exception: every message
 * gets exactly one output. Thread-safe (stateless apart from the metrics and the version tracker).
 */
public final class RetrievalDecider {

  private static final Logger log = LoggerFactory.getLogger(RetrievalDecider.class);

  /** Intents with their own handling (see the class comment). */
  public static final String GREETING = "greeting";

  public static final String HUMAN_AGENT = "human_agent";
  public static final String FEEDBACK = "feedback";

  /** The classifier's catch-all intent: searched when listed among the opportunistic intents. */
  public static final String OTHER = "other";

  public static final String COMPLAINT = "complaint";

  private final DecisionSettings settings;
  private final CacheSettings cache;
  private final QueryPlanner planner;
  private final KnowledgeSearch search;
  private final RelevanceGate gate;
  private final KbVersionTracker kbVersion;
  private final ReplyTemplates templates;
  private final RetrievalMetrics metrics;

  public RetrievalDecider(
      DecisionSettings settings,
      CacheSettings cache,
      QueryPlanner planner,
      KnowledgeSearch search,
      RelevanceGate gate,
      KbVersionTracker kbVersion,
      ReplyTemplates templates,
      RetrievalMetrics metrics) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.search = Objects.requireNonNull(search, "search");
    this.gate = Objects.requireNonNull(gate, "gate");
    this.kbVersion = Objects.requireNonNull(kbVersion, "kbVersion");
    this.templates = Objects.requireNonNull(templates, "templates");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * @param before the conversation before this message, or null
   * @param previous the conversation's last search (follow-up context), or null
   * @param cachedAnswers the answer cache (key to answer, null when absent)
   * @param now wall-clock time, epoch ms
   */
  public DecisionResult decide(
      MessageClassified m,
      ConversationState before,
      FollowUpContext previous,
      Function<String, CachedAnswer> cachedAnswers,
      long now) {
    long start = System.nanoTime();
    DecisionResult result = route(m, before, previous, cachedAnswers, now, start);
    metrics.decision(result.path());
    metrics.step(System.nanoTime() - start);
    return result;
  }

  private DecisionResult route(
      MessageClassified m,
      ConversationState before,
      FollowUpContext previous,
      Function<String, CachedAnswer> cachedAnswers,
      long now,
      long start) {
    if (m.getHandoffReason() != null) {
      return direct(m, Template.HANDOFF, ReplyAction.HANDOFF, DecisionPath.HANDOFF, now, start)
          .effect(new MessageEffect(Streak.KEEP, true))
          .build();
    }
    if (m.getPolicyHits().stream().anyMatch(h -> h.getAction() == PolicyAction.REFUSE)) {
      return direct(m, Template.REFUSE, ReplyAction.FALLBACK, DecisionPath.REFUSE, now, start)
          .build();
    }
    String intent = m.getIntent();
    boolean unsureSmallTalk =
        (GREETING.equals(intent) || FEEDBACK.equals(intent))
            && !settings.confidentEnoughForDirectReply(m.getConfidence());
    if (unsureSmallTalk) {
      // An unsure greeting is often a short follow-up ("And Gold?"): search it like "other".
      return settings.searches(OTHER)
          ? searchAndDecide(m, before, previous, cachedAnswers, now, start)
          : unanswered(
              m, before, Template.OUT_OF_SCOPE, DecisionPath.OUT_OF_SCOPE, null, now, start);
    }
    if (GREETING.equals(intent)) {
      return direct(
              m,
              ReplyTemplates.greetingFor(m.getMaskedText()),
              ReplyAction.ANSWER,
              DecisionPath.GREETING,
              now,
              start)
          .build();
    }
    if (HUMAN_AGENT.equals(intent)) {
      Planned planned =
          direct(m, Template.HANDOFF, ReplyAction.HANDOFF, DecisionPath.HANDOFF, now, start)
              .effect(new MessageEffect(Streak.KEEP, true));
      if (!Replies.alreadyHandedOff(before)) {
        planned.handoff(
            Replies.handoff(
                m,
                before,
                HandoffReason.USER_REQUEST,
                "the customer asked for a human agent (intent human_agent)",
                now));
      }
      return planned.build();
    }
    if (FEEDBACK.equals(intent) && !settings.searches(intent)) {
      return direct(m, Template.FEEDBACK, ReplyAction.ANSWER, DecisionPath.FEEDBACK, now, start)
          .build();
    }
    if (settings.searches(intent) || (m.getOutOfScope() && settings.searches("other"))) {
      return searchAndDecide(m, before, previous, cachedAnswers, now, start);
    }
    return unanswered(
        m, before, Template.OUT_OF_SCOPE, DecisionPath.OUT_OF_SCOPE, null, now, start);
  }

  private DecisionResult searchAndDecide(
      MessageClassified m,
      ConversationState before,
      FollowUpContext previous,
      Function<String, CachedAnswer> cachedAnswers,
      long now,
      long start) {
    SearchQuery query = planner.plan(m, previous, now);
    if (query.keywordOnly() && !m.getEmbedding().isEmpty()) {
      metrics.modelMismatch(query.language());
      log.debug(
          "message {}: vector of '{}' but the {} index is built with another model: keyword-only",
          m.getMessageId(),
          m.getEmbeddingModel(),
          query.language());
    }
    if (query.followUp()) {
      metrics.followUp();
    }
    FollowUpContext context = planner.remember(m, query, now);
    boolean kbIntent = settings.kbIntents().contains(m.getIntent());

    Optional<String> cacheKey = Optional.empty();
    if (cache.enabled() && kbIntent && !query.followUp() && m.getPiiTypes().isEmpty()) {
      cacheKey =
          QuestionKey.of(m.getMaskedText(), query.language(), m.getIntent(), kbVersion.current());
      if (cacheKey.isPresent()) {
        CachedAnswer hit = cachedAnswers.apply(cacheKey.get());
        boolean fresh = hit != null && now - hit.cachedAt() < cache.ttl().toMillis();
        metrics.cacheLookup(fresh);
        if (fresh) {
          return cached(m, hit, context, now, start);
        }
      }
    }

    Retrieval retrieval;
    try {
      retrieval = search.search(query.language(), query.vector(), query.text(), settings.topK());
    } catch (IndexException e) {
      log.warn("message {}: knowledge base unavailable: {}", m.getMessageId(), e.toString());
      return direct(
              m, Template.UNAVAILABLE, ReplyAction.FALLBACK, DecisionPath.UNAVAILABLE, now, start)
          .build();
    }
    metrics.search(retrieval.nanos());
    kbVersion.observed(retrieval.kbVersion());

    if (gate.passes(retrieval, query.language())) {
      GenerateReply request = generate(m, before, query, retrieval, now, start);
      PendingAnswer pending =
          cacheKey
              .filter(k -> isFaq(retrieval.passages().get(0).chunk()))
              .map(
                  k ->
                      new PendingAnswer(
                          QuestionKey.of(
                                  m.getMaskedText(),
                                  query.language(),
                                  m.getIntent(),
                                  retrieval.kbVersion())
                              .orElse(k),
                          retrieval.kbVersion(),
                          retrieval.passages().stream()
                              .filter(p -> isFaq(p.chunk()))
                              .map(p -> p.chunk().id())
                              .toList(),
                          now))
              .orElse(null);
      return new DecisionResult(
          new Decision.Generate(request),
          DecisionPath.GENERATE,
          new MessageEffect(Streak.RESET, false),
          context,
          pending);
    }
    if (COMPLAINT.equals(m.getIntent())) {
      return direct(m, Template.COMPLAINT, ReplyAction.ANSWER, DecisionPath.COMPLAINT, now, start)
          .context(context)
          .build();
    }
    if (FEEDBACK.equals(m.getIntent())) {
      return direct(m, Template.FEEDBACK, ReplyAction.ANSWER, DecisionPath.FEEDBACK, now, start)
          .context(context)
          .build();
    }
    return kbIntent
        ? unanswered(m, before, Template.CLARIFY, DecisionPath.CLARIFY, context, now, start)
        : unanswered(
            m, before, Template.OUT_OF_SCOPE, DecisionPath.OUT_OF_SCOPE, context, now, start);
  }

  /** Nothing could answer: a clarifying question, or the handoff when it happens too often. */
  private DecisionResult unanswered(
      MessageClassified m,
      ConversationState before,
      Template template,
      DecisionPath path,
      FollowUpContext context,
      long now,
      long start) {
    int streak = (before == null ? 0 : before.getUnansweredStreak()) + 1;
    if (streak < settings.handoffAfterUnanswered()) {
      return direct(m, template, ReplyAction.CLARIFY, path, now, start)
          .effect(new MessageEffect(Streak.INCREMENT, false))
          .context(context)
          .build();
    }
    Planned planned =
        direct(
                m,
                Template.REPEATED_FAILURE,
                ReplyAction.HANDOFF,
                DecisionPath.REPEATED_FAILURE,
                now,
                start)
            .effect(new MessageEffect(Streak.INCREMENT, true))
            .context(context);
    if (!Replies.alreadyHandedOff(before)) {
      planned.handoff(
          Replies.handoff(
              m,
              before,
              HandoffReason.REPEATED_FAILURE,
              streak + " customer messages in a row without an answer from the knowledge base",
              now));
    }
    return planned.build();
  }

  private DecisionResult cached(
      MessageClassified m, CachedAnswer hit, FollowUpContext context, long now, long start) {
    ReplyGenerated reply =
        Replies.reply(m, m.getLanguage(), hit.text(), ReplyAction.ANSWER, now, elapsedMs(start))
            .setModel(hit.model())
            .setPromptVersion(hit.promptVersion())
            .setKbVersion(hit.kbVersion())
            .setCached(true)
            .setCitations(
                hit.citations().stream()
                    .map(
                        c ->
                            Citation.newBuilder()
                                .setPassageId(c.passageId())
                                .setDocumentId(c.documentId())
                                .setTitle(c.title())
                                .setSource(c.source())
                                .setKbVersion(c.kbVersion())
                                .build())
                    .toList())
            .build();
    return new DecisionResult(
        new Decision.Reply(reply, null),
        DecisionPath.CACHE_HIT,
        new MessageEffect(Streak.RESET, false),
        context,
        null);
  }

  private GenerateReply generate(
      MessageClassified m,
      ConversationState before,
      SearchQuery query,
      Retrieval retrieval,
      long now,
      long start) {
    List<Passage> passages = retrieval.passages().stream().map(RetrievalDecider::passage).toList();
    return GenerateReply.newBuilder()
        .setMessageId(m.getMessageId())
        .setConversationId(m.getConversationId())
        .setChannel(m.getChannel())
        .setCustomerId(m.getCustomerId())
        .setLanguage(m.getLanguage())
        .setIntent(m.getIntent())
        .setConfidence(m.getConfidence())
        .setUserText(m.getMaskedText())
        .setSearchQuery(query.text())
        .setHistory(before == null ? List.of() : before.getTurns())
        .setSummary(before == null ? "" : before.getSummary())
        .setPassages(passages)
        .setKbVersion(retrieval.kbVersion())
        .setReceivedAt(m.getReceivedAt())
        .setRequestedAt(Instant.ofEpochMilli(now))
        .setDeadline(Instant.ofEpochMilli(now).plus(settings.generationDeadline()))
        .setAttempt(0)
        .setTimings(Replies.timings(m, elapsedMs(start)))
        .build();
  }

  private static Passage passage(RetrievedPassage p) {
    Chunk c = p.chunk();
    return Passage.newBuilder()
        .setId(c.id())
        .setDocumentId(c.documentId())
        .setTitle(c.isFaq() ? c.question() : c.title())
        .setText(c.text())
        .setScore(p.score())
        .setSource(c.source())
        .setKbVersion(p.kbVersion())
        .setCategory(c.category().isEmpty() ? null : c.category())
        .setAnswer(c.answer())
        .build();
  }

  private static boolean isFaq(Chunk chunk) {
    return chunk.isFaq();
  }

  private Planned direct(
      MessageClassified m,
      Template template,
      ReplyAction action,
      DecisionPath path,
      long now,
      long start) {
    return new Planned(m, template, action, path, now, start);
  }

  private static long elapsedMs(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** A direct reply being assembled; the reply is built last so its timing covers everything. */
  private final class Planned {
    private final MessageClassified m;
    private final Template template;
    private final ReplyAction action;
    private final DecisionPath path;
    private final long now;
    private final long start;
    private MessageEffect effect = MessageEffect.keep();
    private FollowUpContext context;
    private io.streamdesk.schemas.events.HandoffRequested handoff;

    Planned(
        MessageClassified m,
        Template template,
        ReplyAction action,
        DecisionPath path,
        long now,
        long start) {
      this.m = m;
      this.template = template;
      this.action = action;
      this.path = path;
      this.now = now;
      this.start = start;
    }

    Planned effect(MessageEffect e) {
      this.effect = e;
      return this;
    }

    Planned context(FollowUpContext c) {
      this.context = c;
      return this;
    }

    Planned handoff(io.streamdesk.schemas.events.HandoffRequested h) {
      this.handoff = h;
      return this;
    }

    DecisionResult build() {
      String language = templates.replyLanguage(m.getLanguage());
      ReplyGenerated reply =
          Replies.reply(
                  m, language, templates.text(template, language), action, now, elapsedMs(start))
              .build();
      return new DecisionResult(new Decision.Reply(reply, handoff), path, effect, context, null);
    }
  }
}
