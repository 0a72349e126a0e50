package io.streamdesk.generation.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.generation.llm.SamplingParams;
import io.streamdesk.generation.llm.onnx.OnnxChatModel;
import io.streamdesk.generation.llm.onnx.OnnxChatModelConfig;
import io.streamdesk.generation.prompt.PromptBuilder;
import io.streamdesk.generation.prompt.PromptSettings;
import io.streamdesk.generation.prompt.SystemPrompts;
import io.streamdesk.generation.testing.Kb;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.Passage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prompt and the ONNX decoder together, on the committed tiny test model. */
class OnnxReplyGeneratorTest {

  private static final int MAX_NEW = 24;
  private static ChatModelReplyGenerator generator;

  @BeforeAll
  static void load() {
    generator =
        new ChatModelReplyGenerator(
            "onnx",
            OnnxChatModel.open(OnnxChatModelConfig.of(tinyLlm())),
            new PromptBuilder(PromptSettings.defaults()),
            SamplingParams.greedy(MAX_NEW));
  }

  @AfterAll
  static void close() {
    generator.close();
  }

  @Test
  void shouldDraftAStreamedReplyFromTheBudgetedPrompt() {
    // Given a Chinese question with its passage
    List<String> deltas = new CopyOnWriteArrayList<>();

    // When the model drafts the reply
    Draft draft = generator.generate(Kb.chineseWarrantyQuestion().build(), deltas::add).join();

    // Then the deltas make up the text, and model, prompt and passages are recorded
    assertThat(String.join("", deltas)).isEqualTo(draft.text());
    assertThat(draft.source()).isEqualTo(Draft.Source.MODEL);
    assertThat(draft.model()).isEqualTo("onnx:tiny-llm");
    assertThat(draft.promptVersion()).isEqualTo(SystemPrompts.VERSION);
    assertThat(draft.numberedPassages()).containsExactly(Kb.WARRANTY_ZH);
    assertThat(draft.completionTokens()).isBetween(1, MAX_NEW + 1);
    assertThat(draft.promptTokens()).isLessThanOrEqualTo(1024 - MAX_NEW);
  }

  @Test
  void shouldFitALongConversationIntoTheModelsContextWithItsOwnTokenizer() {
    // Given far more passage text than the tiny model's 1024-token context holds
    List<Passage> passages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      passages.add(
          Kb.doc(
              "long-" + i,
              "Policy " + i,
              "Returns are accepted within 30 days of delivery. ".repeat(20),
              0.9 - i * 0.1));
    }
    GenerateReply request = Kb.englishReturnsQuestion().setPassages(passages).build();

    // When it is drafted
    Draft draft = generator.generate(request, d -> {}).join();

    // Then the prompt was cut to fit and the weakest passages went first
    assertThat(draft.promptTokens()).isLessThanOrEqualTo(1024 - MAX_NEW);
    assertThat(draft.numberedPassages()).isNotEmpty().hasSizeLessThan(5);
    assertThat(draft.numberedPassages().getFirst().getId()).isEqualTo("long-0");
  }

  static Path tinyLlm() {
    try {
      return Path.of(OnnxReplyGeneratorTest.class.getResource("/tiny-llm/config.json").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
