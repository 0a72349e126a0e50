package io.streamdesk.intent;

import io.streamdesk.intent.text.TextPipelineConfig;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.encoder.ExecutionProvider;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigException;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import io.streamdesk.runtime.config.Configuration;
import io.streamdesk.runtime.config.KafkaSettings;
import io.streamdesk.runtime.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the intent-stream service reads, resolved and validated at start-up ({@link
 * #load(Configuration)} reports every problem at once). Keys and defaults: {@link #DEFINITION}
 * (also printed by {@code ./cs config-reference}).
 *
 * @param kafka brokers, registry, topic catalogue (shared keys)
 * @param streams Kafka Streams settings (shared {@code streams.*} keys)
 * @param routing language to embedding model ({@code language.models}, {@code language.fallback})
 * @param languageHintBelow detection confidence below which the channel locale decides
 * @param encoder ONNX Runtime settings of the encoders ({@code encoder.*})
 * @param classifier where the classifier comes from ({@code intent.models.*})
 * @param handoff handoff rule settings ({@code handoff.*})
 * @param text text pipeline settings ({@code text.*})
 */
public record IntentStreamConfig(
    KafkaSettings kafka,
    StreamsSettings streams,
    RoutingConfig routing,
    double languageHintBelow,
    EncoderConfig encoder,
    ClassifierSettings classifier,
    HandoffRules handoff,
    TextPipelineConfig text) {

  // --- language routing and encoders -------------------------------------------------------

  public static final ConfigKey<String> LANGUAGE_MODELS =
      ConfigKey.string("language.models")
          .withDefault("zh=bge-small-zh-v15-q,en=bge-small-en-v15-q")
          .withDoc(
              "Embedding model per language (language=model, comma-separated; models from the"
                  + " knowledge module's catalogue). Must match the knowledge-base indexer's"
                  + " routing: retrieval searches with the vector embedded here.")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<String> LANGUAGE_FALLBACK =
      ConfigKey.string("language.fallback")
          .withDefault("en")
          .withDoc("Language (a key of language.models) for text in any other language.")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<Double> LANGUAGE_HINT_BELOW =
      ConfigKey.decimal("language.hint-below")
          .withDefault(0.6)
          .withDoc(
              "The channel's locale decides the language when script detection is below this"
                  + " confidence (mixed scripts) or finds no letters, and the locale's language is"
                  + " served; 0 never lets the locale override a detected language.")
          .withValidator(ConfigValidator.between(0.0, 1.0));

  public static final ConfigKey<Integer> ENCODER_THREADS =
      ConfigKey.integer("encoder.intra-op-threads")
          .withDefault(1)
          .withDoc(
              "ONNX Runtime threads per model run; 0 uses every processor. 1 by default: a"
                  + " message is a short text, and one thread per run with one stream thread per"
                  + " core (streams.num.threads) beat one run spread over all cores by 2-6x on a"
                  + " busy 2-core host (intent-bench), where spinning runtime threads fight the"
                  + " Kafka clients for the CPU.")
          .withValidator(ConfigValidator.between(0, 256));

  public static final ConfigKey<ExecutionProvider> ENCODER_PROVIDER =
      ConfigKey.enumKey("encoder.provider", ExecutionProvider.class)
          .withDefault(ExecutionProvider.AUTO)
          .withDoc("auto (CUDA when the GPU build and a device are present, else CPU), cpu, cuda.");

  public static final ConfigKey<Integer> ENCODER_BATCH =
      ConfigKey.integer("encoder.max-batch-size")
          .withDefault(EncoderConfig.DEFAULT_MAX_BATCH_SIZE)
          .withDoc(
              "Texts per model run when embedding in bulk (classifier training at start-up);"
                  + " messages are always embedded one at a time.")
          .withValidator(ConfigValidator.between(1, 4096));

  // --- classifier -----------------------------------------------------------------------------

  public static final ConfigKey<Path> CLASSIFIER_DIR =
      ConfigKey.path("intent.models.dir")
          .withDefault(Path.of(System.getProperty("java.io.tmpdir"), "streamdesk-intent-models"))
          .withDoc(
              "Root of the versioned classifier artefacts (<dir>/<language>/<version>/, written by"
                  + " ./cs intent-train); the newest version per language serves and new ones are"
                  + " picked up while running. A language with no usable model there is trained"
                  + " from the bundled default intents at start-up and saved there, so only the"
                  + " first start pays for it. Point it at persistent storage in production.");

  public static final ConfigKey<Duration> CLASSIFIER_POLL =
      ConfigKey.duration("intent.models.poll.interval")
          .withDefault(Duration.ofSeconds(10))
          .withDoc("How often intent.models.dir is checked for new artefact versions (>= 100ms).")
          .withValidator(ConfigValidator.positiveDuration());

  // --- handoff rules ----------------------------------------------------------------------------

  public static final ConfigKey<Double> LOW_CONFIDENCE_BELOW =
      ConfigKey.decimal("handoff.low-confidence.below")
          .withDefault(HandoffRules.defaults().lowConfidenceBelow())
          .withDoc(
              "A turn is low-confidence when out of scope or its best confidence is below this.")
          .withValidator(ConfigValidator.between(0.0, 1.0));

  public static final ConfigKey<Integer> LOW_CONFIDENCE_TURNS =
      ConfigKey.integer("handoff.low-confidence.turns")
          .withDefault(HandoffRules.defaults().lowConfidenceTurns())
          .withDoc("Low-confidence turns in a row that hand the conversation to a human.")
          .withValidator(ConfigValidator.between(1, 100));

  public static final ConfigKey<Duration> MEMORY_TTL =
      ConfigKey.duration("handoff.memory.ttl")
          .withDefault(HandoffRules.defaults().memoryTtl())
          .withDoc(
              "A conversation idle (in event time) longer than this starts afresh: its"
                  + " low-confidence streak and recent turns are forgotten and swept from the store.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Duration> MEMORY_SWEEP =
      ConfigKey.duration("handoff.memory.sweep-interval")
          .withDefault(HandoffRules.defaults().sweepInterval())
          .withDoc("How often (in stream time) expired conversations are deleted from the store.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Integer> RECENT_TURNS =
      ConfigKey.integer("handoff.recent-turns")
          .withDefault(HandoffRules.defaults().recentTurns())
          .withDoc("Masked user turns remembered per conversation and attached to a handoff.")
          .withValidator(ConfigValidator.between(1, 50));

  public static final ConfigKey<List<String>> HUMAN_INTENTS =
      ConfigKey.list("handoff.human-intents")
          .withDefault(List.copyOf(HandoffRules.defaults().humanIntents()))
          .withDoc(
              "Intents that hand off as USER_REQUEST when predicted with confidence (no phrase"
                  + " rule needed); empty to rely on the phrase rules only.");

  public static final ConfigKey<List<String>> COMPLAINT_INTENTS =
      ConfigKey.list("handoff.complaint-intents")
          .withDefault(List.copyOf(HandoffRules.defaults().complaintIntents()))
          .withDoc(
              "Intents that hand off as COMPLAINT when predicted with confidence, below the"
                  + " complaint lexicon's threshold; empty to rely on the lexicon only.");

  // --- text pipeline (TextPipelineConfig) -------------------------------------------------------

  private static final TextPipelineConfig TEXT = TextPipelineConfig.defaults();

  public static final ConfigKey<Integer> TEXT_MAX_CHARS =
      ConfigKey.integer("text.max-chars")
          .withDefault(TEXT.maxChars())
          .withDoc("Cap on the normalised text in UTF-16 chars; longer messages are cut.")
          .withValidator(ConfigValidator.between(1, TextPipelineConfig.MAX_CHARS_LIMIT));

  public static final ConfigKey<List<String>> TEXT_PHONE_REGIONS =
      ConfigKey.list("text.pii.phone-regions")
          .withDefault(TEXT.pii().phoneRegions())
          .withDoc("Regions (ISO 3166) whose phone numbers are recognised without a leading +.");

  public static final ConfigKey<Boolean> TEXT_MASK_SERVICE_NUMBERS =
      ConfigKey.bool("text.pii.mask-service-numbers")
          .withDefault(TEXT.pii().maskServiceNumbers())
          .withDoc("Also mask 400/800 business service numbers (they identify no person).");

  public static final ConfigKey<Boolean> TEXT_LEGACY_ID_CARDS =
      ConfigKey.bool("text.pii.legacy-id-cards")
          .withDefault(TEXT.pii().legacyIdCards())
          .withDoc("Mask 15-digit legacy resident ID numbers when an ID word precedes them.");

  public static final ConfigKey<String> TEXT_BUILTIN =
      ConfigKey.string("text.policy.builtin")
          .withDefault(TEXT.words().builtInDictionary().name())
          .withDoc(
              "The sensitive-word library's own dictionary: NONE, TAGGED or ALL (NONE: its tagged"
                  + " entries flag ordinary Chinese messages).");

  public static final ConfigKey<Boolean> TEXT_DEFAULT_LISTS =
      ConfigKey.bool("text.policy.default-lists")
          .withDefault(TEXT.words().includeDefaultLists())
          .withDoc("Load the word lists shipped in the jar (policy/*.txt).");

  public static final ConfigKey<List<String>> TEXT_WORD_LISTS =
      ConfigKey.list("text.policy.word-lists")
          .withDefault(List.of())
          .withDoc("Extra word-list files or directories, comma-separated.");

  public static final ConfigKey<String> TEXT_DEFAULT_ACTION =
      ConfigKey.string("text.policy.default-action")
          .withDefault(TEXT.words().defaultPolicy().toString())
          .withDoc(
              "Policy of categories without text.policy.category.NAME: MASK, REFUSE or"
                  + " HANDOFF[:PRIORITY].");

  public static final ConfigKey<Integer> TEXT_COMPLAINT_THRESHOLD =
      ConfigKey.integer("text.handoff.complaint-threshold")
          .withDefault(TEXT.handoff().complaintThreshold())
          .withDoc("Complaint-lexicon weight from which a message hands off as COMPLAINT.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<Integer> TEXT_HIGH_PRIORITY =
      ConfigKey.integer("text.handoff.high-priority-score")
          .withDefault(TEXT.handoff().highPriorityScore())
          .withDoc("Complaint-lexicon weight from which a COMPLAINT handoff is HIGH priority.")
          .withValidator(ConfigValidator.atLeast(1));

  public static final ConfigKey<List<String>> TEXT_LEXICONS =
      ConfigKey.list("text.handoff.lexicons")
          .withDefault(List.of())
          .withDoc("Extra complaint-lexicon files, comma-separated.");

  /** Prefix of the per-category sensitive-word policies. */
  public static final String TEXT_CATEGORY_PREFIX = "text.policy.category.";

  private static final List<ConfigKey<?>> TEXT_KEYS =
      List.of(
          TEXT_MAX_CHARS,
          TEXT_PHONE_REGIONS,
          TEXT_MASK_SERVICE_NUMBERS,
          TEXT_LEGACY_ID_CARDS,
          TEXT_BUILTIN,
          TEXT_DEFAULT_LISTS,
          TEXT_WORD_LISTS,
          TEXT_DEFAULT_ACTION,
          TEXT_COMPLAINT_THRESHOLD,
          TEXT_HIGH_PRIORITY,
          TEXT_LEXICONS);

  /** The service's own keys (for the reference; the shared ones are documented by runtime). */
  public static final ConfigDefinition OWN_DEFINITION =
      new ConfigDefinition(
              IntentTopology.SERVICE,
              concat(
                  List.of(
                      LANGUAGE_MODELS,
                      LANGUAGE_FALLBACK,
                      LANGUAGE_HINT_BELOW,
                      ENCODER_THREADS,
                      ENCODER_PROVIDER,
                      ENCODER_BATCH,
                      CLASSIFIER_DIR,
                      CLASSIFIER_POLL,
                      LOW_CONFIDENCE_BELOW,
                      LOW_CONFIDENCE_TURNS,
                      MEMORY_TTL,
                      MEMORY_SWEEP,
                      RECENT_TURNS,
                      HUMAN_INTENTS,
                      COMPLAINT_INTENTS),
                  TEXT_KEYS),
              List.of())
          .withPassThrough(
              TEXT_CATEGORY_PREFIX,
              "Sensitive-word policy per category: ACTION[:PRIORITY], e.g."
                  + " text.policy.category.competitor=HANDOFF:LOW (defaults: profanity, porn,"
                  + " competitor MASK; violence HANDOFF:HIGH; self_harm HANDOFF:URGENT; politics,"
                  + " fraud, drugs, gambling, illegal REFUSE).");

  /** Every key the service reads: its own, then the shared Kafka and Streams ones. */
  public static final ConfigDefinition DEFINITION =
      OWN_DEFINITION.including(KafkaSettings.DEFINITION, StreamsSettings.DEFINITION);

  public IntentStreamConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(classifier, "classifier");
    Objects.requireNonNull(handoff, "handoff");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Resolves and validates every key.
   *
   * @throws ConfigException listing every problem, the composite ones (routing, text pipeline,
   *     rules) named by their keys
   */
  public static IntentStreamConfig load(Configuration configuration) {
    ConfigValues v = configuration.resolve(DEFINITION);
    List<String> problems = new java.util.ArrayList<>();
    RoutingConfig routing =
        attempt(
            problems,
            LANGUAGE_MODELS.name() + "/" + LANGUAGE_FALLBACK.name(),
            () -> RoutingConfig.parse(v.get(LANGUAGE_MODELS), v.get(LANGUAGE_FALLBACK)));
    if (routing != null) {
      routing
          .modelByLanguage()
          .values()
          .forEach(
              model ->
                  attempt(
                      problems,
                      LANGUAGE_MODELS.name(),
                      () -> io.streamdesk.knowledge.encoder.ModelCatalogue.require(model)));
    }
    EncoderConfig encoder =
        attempt(
            problems,
            "encoder.*",
            () ->
                new EncoderConfig(
                    v.get(ENCODER_THREADS), v.get(ENCODER_BATCH), v.get(ENCODER_PROVIDER), 0));
    ClassifierSettings classifier =
        attempt(
            problems,
            "intent.*",
            () -> new ClassifierSettings(v.get(CLASSIFIER_DIR), v.get(CLASSIFIER_POLL)));
    HandoffRules handoff =
        attempt(
            problems,
            "handoff.*",
            () ->
                new HandoffRules(
                    v.get(LOW_CONFIDENCE_BELOW),
                    v.get(LOW_CONFIDENCE_TURNS),
                    v.get(MEMORY_TTL),
                    v.get(MEMORY_SWEEP),
                    v.get(RECENT_TURNS),
                    Set.copyOf(v.get(HUMAN_INTENTS)),
                    Set.copyOf(v.get(COMPLAINT_INTENTS))));
    TextPipelineConfig text =
        attempt(problems, "text.*", () -> TextPipelineConfig.fromProperties(textProperties(v)));
    if (!problems.isEmpty()) {
      throw new ConfigException(IntentTopology.SERVICE, problems);
    }
    return new IntentStreamConfig(
        KafkaSettings.from(v),
        StreamsSettings.from(v),
        routing,
        v.get(LANGUAGE_HINT_BELOW),
        encoder,
        classifier,
        handoff,
        text);
  }

  /** The text.* keys as the properties {@link TextPipelineConfig#fromProperties} reads. */
  private static Map<String, String> textProperties(ConfigValues values) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (ConfigKey<?> key : TEXT_KEYS) {
      properties.put(key.name(), formatted(values, key));
    }
    values
        .passThrough(TEXT_CATEGORY_PREFIX)
        .forEach((category, policy) -> properties.put(TEXT_CATEGORY_PREFIX + category, policy));
    return properties;
  }

  private static <T> String formatted(ConfigValues values, ConfigKey<T> key) {
    return key.type().format(values.get(key));
  }

  private static <T> T attempt(
      List<String> problems, String keys, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      problems.add(keys + ": " + e.getMessage());
      return null;
    }
  }

  private static List<ConfigKey<?>> concat(List<ConfigKey<?>> a, List<ConfigKey<?>> b) {
    List<ConfigKey<?>> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
