package io.streamdesk.generation.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import io.streamdesk.generation.llm.GenerationRequest;
import io.streamdesk.generation.llm.SamplingParams;
import io.streamdesk.generation.llm.StreamListener;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Decoding with the KV cache (prefill once, then one new token per pass) must choose exactly the
 * tokens that recomputing the whole sequence at every step chooses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvCacheDecodingTest {

  private static final int NEW_TOKENS = 24;

  private OrtEnvironment env;
  private HfModelConfig config;
  private OnnxDecoder decoder;
  private HfTokenizer tokenizer;

  @BeforeAll
  void open() throws OrtException {
    env = OrtEnvironments.get();
    config = HfModelConfig.load(TinyLlm.dir());
    OnnxChatModelConfig modelConfig = OnnxChatModelConfig.of(TinyLlm.dir());
    decoder =
        new OnnxDecoder(
            env, SessionFactory.open(env, modelConfig).session(), config, TinyLlm.dir());
    tokenizer = HfTokenizer.load(TinyLlm.dir());
  }

  @AfterAll
  void close() {
    decoder.close();
    tokenizer.close();
  }

  @Test
  void shouldChooseTheSameTokensWithAndWithoutTheCache() throws OrtException {
    for (JsonNode conversation : TinyLlm.reference().path("conversations")) {
      // Given a prompt
      long[] prompt = TinyLlm.ids(conversation.path("prompt_ids"));

      // When decoding greedily with and without the cache
      long[] cached = cachedGreedy(prompt);
      long[] uncached = uncachedGreedy(prompt);

      // Then every token matches
      assertThat(cached).containsExactly(uncached);
    }
  }

  @Test
  void shouldMatchTheEnginesBatchedCachedDecoding() throws OrtException {
    // Given a prompt decoded without the cache
    JsonNode conversation = TinyLlm.reference().path("conversations").get(1);
    long[] uncached = uncachedGreedy(TinyLlm.ids(conversation.path("prompt_ids")));

    // When the chat model decodes the same conversation
    try (OnnxChatModel model = OnnxChatModel.open(OnnxChatModelConfig.of(TinyLlm.dir()))) {
      String text =
          model
              .generate(
                  new GenerationRequest(
                      "engine", TinyLlm.messages(conversation), SamplingParams.greedy(NEW_TOKENS)),
                  StreamListener.NONE)
              .join()
              .text();

      // Then it is the same text
      assertThat(text).isEqualTo(tokenizer.decode(withoutEos(uncached)));
    }
  }

  /** Recomputes the whole sequence (empty past) at every step. */
  private long[] uncachedGreedy(long[] prompt) throws OrtException {
    List<Long> sequence = new ArrayList<>();
    for (long id : prompt) {
      sequence.add(id);
    }
    List<Long> out = new ArrayList<>();
    for (int step = 0; step < NEW_TOKENS; step++) {
      int n = sequence.size();
      long[] ids = sequence.stream().mapToLong(Long::longValue).toArray();
      long[] mask = new long[n];
      Arrays.fill(mask, 1);
      long[] positions = new long[n];
      Arrays.setAll(positions, i -> i);
      try (KvCache empty = KvCache.empty(env, config, 1)) {
        OnnxDecoder.Output output = decoder.forward(1, n, ids, mask, positions, empty);
        long next = argmax(output.logits(), (n - 1) * decoder.vocab());
        output.cache().close();
        out.add(next);
        if (config.eosTokenIds().contains(next)) {
          break;
        }
        sequence.add(next);
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** Prefills once, then feeds only the newest token on top of the cache. */
  private long[] cachedGreedy(long[] prompt) throws OrtException {
    int n = prompt.length;
    long[] mask = new long[n];
    Arrays.fill(mask, 1);
    long[] positions = new long[n];
    Arrays.setAll(positions, i -> i);
    KvCache empty = KvCache.empty(env, config, 1);
    OnnxDecoder.Output output = decoder.forward(1, n, prompt, mask, positions, empty);
    empty.close();
    List<Long> out = new ArrayList<>();
    long next = argmax(output.logits(), (n - 1) * decoder.vocab());
    KvCache cache = output.cache();
    try {
      for (int step = 0; step < NEW_TOKENS; step++) {
        out.add(next);
        if (config.eosTokenIds().contains(next) || step == NEW_TOKENS - 1) {
          break;
        }
        int total = cache.length() + 1;
        long[] stepMask = new long[total];
        Arrays.fill(stepMask, 1);
        OnnxDecoder.Output step1 =
            decoder.forward(1, 1, new long[] {next}, stepMask, new long[] {total - 1}, cache);
        cache.close();
        cache = step1.cache();
        next = argmax(step1.logits(), 0);
      }
    } finally {
      cache.close();
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private long argmax(FloatBuffer logits, int offset) {
    float[] row = new float[decoder.vocab()];
    logits.get(offset, row, 0, row.length);
    return TokenSampler.argmax(row, row.length);
  }

  private long[] withoutEos(long[] ids) {
    return Arrays.stream(ids).filter(id -> !config.eosTokenIds().contains(id)).toArray();
  }
}
