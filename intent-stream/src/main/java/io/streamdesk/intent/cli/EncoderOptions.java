package io.streamdesk.intent.cli;

import io.streamdesk.knowledge.encoder.ModelCatalogue;
import io.streamdesk.knowledge.encoder.ModelSpec;
import io.streamdesk.knowledge.language.RoutingConfig;
import picocli.CommandLine.Option;

/**
 * Which encoder embeds the utterances: a catalogue model by name, or the routing default of a
 * language. Exactly one may be given; neither means the English routing default.
 */
final class EncoderOptions {

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description =
          "Encoder model from the catalogue (bge-small-zh-v15, bge-small-zh-v15-q,"
              + " bge-small-en-v15, bge-small-en-v15-q, all-minilm-l6-v2).")
  String model;

  @Option(
      names = "--lang",
      paramLabel = "L",
      description = "Use the routing default encoder of this language (zh, en).")
  String language;

  /** The model spec to load. */
  ModelSpec spec() {
    if (model != null && language != null) {
      throw new IllegalArgumentException("give --model or --lang, not both");
    }
    if (model != null) {
      return ModelCatalogue.require(model);
    }
    String lang = language == null ? "en" : language;
    RoutingConfig routing = RoutingConfig.defaults();
    if (!routing.modelByLanguage().containsKey(lang)) {
      throw new IllegalArgumentException(
          "no default encoder for language '"
              + lang
              + "'; configured: "
              + routing.modelByLanguage().keySet()
              + " (or name one with --model)");
    }
    return ModelCatalogue.require(routing.modelFor(lang));
  }

  /** The language the trained model serves. */
  String language() {
    return language != null ? language : spec().language();
  }
}
