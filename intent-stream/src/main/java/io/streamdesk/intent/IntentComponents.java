package io.streamdesk.intent;

import io.streamdesk.intent.text.TextPipeline;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.ScriptLanguageDetector;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.util.Objects;
import org.apache.kafka.streams.Topology;

/**
 * The parts the intent topology is built from, assembled from one {@link IntentStreamConfig}: the
 * text pipeline, language resolution over a (possibly shared) {@link LanguageRouter}, the
 * classifier, and the handoff rules. The service and {@code intent-bench} build the topology the
 * same way through here.
 */
public final class IntentComponents {

  private final TextPipeline textPipeline;
  private final LanguageResolver languages;
  private final IntentAnalyzer analyzer;
  private final HandoffRules rules;

  /**
   * @param config the service configuration
   * @param router the encoders, already warmed up ({@link EncoderWarmup})
   * @param scorer the classifier
   */
  public IntentComponents(IntentStreamConfig config, LanguageRouter router, IntentScorer scorer) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(scorer, "scorer");
    this.textPipeline = new TextPipeline(config.text());
    // The router detects with the script detector too; the resolver adds the locale hint.
    this.languages =
        new LanguageResolver(new ScriptLanguageDetector(), router, config.languageHintBelow());
    this.analyzer = new IntentAnalyzer(textPipeline, languages, router, scorer);
    this.rules = config.handoff();
  }

  public TextPipeline textPipeline() {
    return textPipeline;
  }

  public LanguageResolver languages() {
    return languages;
  }

  public IntentAnalyzer analyzer() {
    return analyzer;
  }

  public HandoffRules rules() {
    return rules;
  }

  /** The topology over a catalogue and its serdes. */
  public Topology topology(Topics topics, TopicSerdes serdes) {
    return IntentTopology.build(topics, serdes, analyzer, rules);
  }
}
