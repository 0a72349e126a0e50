package io.streamdesk.knowledge.language;

import io.streamdesk.knowledge.encoder.Encoder;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.encoder.ModelCatalogue;
import io.streamdesk.knowledge.encoder.OnnxEncoder;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Routes a text to its language's encoder: detect the language, map it to a configured one (else
 * the fallback), embed with that language's model. Documents and queries go through the same
 * routing, so a query is always compared with vectors of the same model and index language.
 *
 * <p>Encoders load lazily on first use and are shared between languages that name the same model.
 * Thread-safe; closing the router closes the encoders it loaded.
 */
public final class LanguageRouter implements AutoCloseable {

  private final LanguageDetector detector;
  private final RoutingConfig config;
  private final Function<String, Encoder> loader;
  private final Map<String, Encoder> encodersByModel = new ConcurrentHashMap<>();

  /**
   * @param loader opens an encoder for a model name; called at most once per model
   */
  public LanguageRouter(
      LanguageDetector detector, RoutingConfig config, Function<String, Encoder> loader) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.config = Objects.requireNonNull(config, "config");
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /** A router over catalogued ONNX models with the script detector. */
  public static LanguageRouter withOnnxModels(RoutingConfig config, EncoderConfig encoderConfig) {
    return new LanguageRouter(
        new ScriptLanguageDetector(),
        config,
        model -> OnnxEncoder.open(ModelCatalogue.require(model), encoderConfig));
  }

  /** The routing this router applies (language → model, fallback language). */
  public RoutingConfig config() {
    return config;
  }

  /** The configured languages, each indexed separately. */
  public Set<String> languages() {
    return config.modelByLanguage().keySet();
  }

  /** The configured language for a text: its detected language if configured, else the fallback. */
  public String languageOf(CharSequence text) {
    return resolve(detector.detect(text).language());
  }

  /** A configured language for any language code: itself if configured, else the fallback. */
  public String resolve(String language) {
    return config.modelByLanguage().containsKey(language) ? language : config.fallbackLanguage();
  }

  /** The encoder of a language (or of the fallback language), loaded on first use. */
  public Encoder encoderFor(String language) {
    return encodersByModel.computeIfAbsent(config.modelFor(resolve(language)), loader);
  }

  /** Detects, routes and embeds one text. */
  public RoutedEmbedding embed(String text) {
    String language = languageOf(text);
    Encoder encoder = encoderFor(language);
    return new RoutedEmbedding(language, encoder.modelId(), encoder.embed(text));
  }

  /**
   * A text's vector and where it was routed.
   *
   * @param language the configured language the text was routed to
   * @param modelId the model that made the vector
   */
  public record RoutedEmbedding(String language, String modelId, float[] vector) {}

  @Override
  public void close() {
    encodersByModel.values().forEach(Encoder::close);
    encodersByModel.clear();
  }
}
