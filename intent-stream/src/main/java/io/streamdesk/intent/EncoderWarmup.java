package io.streamdesk.intent;

import io.streamdesk.knowledge.encoder.Encoder;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every configured language's encoder before the topology starts, so that the first message
 * does not pay for a model load on a stream thread, a model that cannot load fails the start, and a
 * shared router built by another service with other models is caught instead of silently embedding
 * with the wrong model.
 *
 * <p>The load runs on a thread with a large stack: creating the ONNX Runtime environment overflows
 * the JVM's default 1 MiB thread stack on this machine (AVX-512 CPU) and kills the process with
 * SIGSEGV; once created, model runs are fine on any thread.
 */
public final class EncoderWarmup {

  private static final Logger log = LoggerFactory.getLogger(EncoderWarmup.class);

  /** Stack of the loading thread; 2 MiB was measured to suffice, 16 leaves margin. */
  static final long LOADER_STACK_BYTES = 16L << 20;

  private EncoderWarmup() {}

  /**
   * Loads and probes the encoder of every language of {@code routing}.
   *
   * @return the model id per language
   * @throws IllegalStateException when the router uses another model than {@code routing} names, or
   *     a model cannot be loaded
   */
  public static Map<String, String> warm(LanguageRouter router, RoutingConfig routing) {
    AtomicReference<Map<String, String>> models = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread loader =
        new Thread(
            null,
            () -> {
              try {
                models.set(load(router, routing));
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "encoder-warmup",
            LOADER_STACK_BYTES);
    loader.start();
    try {
      loader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the encoders", e);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t != null) {
      throw new IllegalStateException("loading the encoders failed: " + t, t);
    }
    return models.get();
  }

  private static Map<String, String> load(LanguageRouter router, RoutingConfig routing) {
    Map<String, String> models = new LinkedHashMap<>();
    for (String language : routing.modelByLanguage().keySet()) {
      long start = System.nanoTime();
      Encoder encoder = router.encoderFor(language);
      String expected = routing.modelFor(language);
      if (!encoder.modelId().equals(expected)) {
        throw new IllegalStateException(
            "the shared language router embeds "
                + language
                + " with "
                + encoder.modelId()
                + " but language.models names "
                + expected
                + ": every service of one JVM must use the same language.models");
      }
      encoder.embed("warm-up");
      models.put(language, encoder.modelId());
      log.info(
          "encoder for {} ready: {} ({} ms)",
          language,
          encoder.modelId(),
          (System.nanoTime() - start) / 1_000_000);
    }
    return models;
  }
}
