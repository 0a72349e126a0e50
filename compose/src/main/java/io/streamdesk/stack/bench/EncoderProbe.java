package io.streamdesk.stack.bench;

import io.streamdesk.intent.EncoderWarmup;
import io.streamdesk.intent.IntentStreamConfig;
import io.streamdesk.knowledge.encoder.Encoder;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.stack.bench.BenchConversations.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The physical limit the pipeline is compared with: the encoders the intent stream uses (its {@code
 * language.models} and {@code encoder.*} settings), each message text embedded once, one text per
 * model run, Chinese and English alternating as in the benchmark's traffic. Only the model runs are
 * timed. The encoders are this probe's own (same model files and settings as the stack's).
 */
final class EncoderProbe implements AutoCloseable {

  private final LanguageRouter router;
  private final Map<String, String> models;
  private final List<Encoder> encoders = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();

  EncoderProbe(IntentStreamConfig config, List<Script> scripts) {
    this.router = LanguageRouter.withOnnxModels(config.routing(), config.encoder());
    try {
      this.models = EncoderWarmup.warm(router, config.routing());
    } catch (RuntimeException e) {
      router.close();
      throw e;
    }
    List<Script> zh = scripts.stream().filter(s -> s.language().equals("zh")).toList();
    List<Script> other = scripts.stream().filter(s -> !s.language().equals("zh")).toList();
    List<String> zhTexts = zh.stream().flatMap(s -> s.turns().stream()).toList();
    List<String> otherTexts = new ArrayList<>();
    List<String> otherLanguages = new ArrayList<>();
    for (Script s : other) {
      s.turns()
          .forEach(
              t -> {
                otherTexts.add(t);
                otherLanguages.add(s.language());
              });
    }
    for (int i = 0; i < Math.max(zhTexts.size(), otherTexts.size()); i++) {
      if (i < zhTexts.size()) {
        add("zh", zhTexts.get(i));
      }
      if (i < otherTexts.size()) {
        add(otherLanguages.get(i), otherTexts.get(i));
      }
    }
  }

  private void add(String language, String text) {
    encoders.add(router.encoderFor(language));
    texts.add(text);
  }

  /** The model id per language. */
  Map<String, String> models() {
    return models;
  }

  int texts() {
    return texts.size();
  }

  /** Embeds every text once, one by one; returns texts per second. */
  double run() {
    long start = System.nanoTime();
    for (int i = 0; i < texts.size(); i++) {
      encoders.get(i).embed(texts.get(i));
    }
    return texts.size() / ((System.nanoTime() - start) / 1e9);
  }

  @Override
  public void close() {
    router.close();
  }
}
