package io.streamdesk.generation.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.ChatModel;
import io.streamdesk.generation.llm.GenerationException;
import io.streamdesk.generation.llm.GenerationRequest;
import io.streamdesk.generation.llm.GenerationResult;
import io.streamdesk.generation.llm.ModelInfo;
import io.streamdesk.generation.llm.StreamListener;
import io.streamdesk.generation.testing.Kb;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.Turn;
import io.streamdesk.schemas.events.TurnRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {

  private static final int MAX_NEW = 100;

  @Test
  void shouldPutRulesNumberedPassagesSummaryHistoryAndQuestionInOrder() {
    // Given a request with two passages, a summary and two earlier turns
    GenerateReply request =
        Kb.englishReturnsQuestion()
            .setSummary("The customer bought a kettle last week.")
            .setHistory(List.of(turn(TurnRole.USER, "Hi"), turn(TurnRole.ASSISTANT, "Hello!")))
            .build();

    // When it is built for a roomy model
    Prompt prompt =
        new PromptBuilder(PromptSettings.defaults()).build(request, model(100_000), MAX_NEW);

    // Then the system prompt holds the rules, [1] and [2] and the summary; turns and question
    // follow
    List<ChatMessage> messages = prompt.messages();
    assertThat(messages).hasSize(4);
    String system = messages.getFirst().content();
    assertThat(system)
        .contains("Answer only from the knowledge passages")
        .contains("human agent")
        .contains("[1] Returns policy")
        .contains("[2] Shipping times")
        .contains("The customer bought a kettle last week.");
    assertThat(system.indexOf("[1]")).isLessThan(system.indexOf("[2]"));
    assertThat(messages.subList(1, 4))
        .extracting(ChatMessage::role, ChatMessage::content)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ChatMessage.Role.USER, "Hi"),
            org.assertj.core.groups.Tuple.tuple(ChatMessage.Role.ASSISTANT, "Hello!"),
            org.assertj.core.groups.Tuple.tuple(ChatMessage.Role.USER, request.getUserText()));
    assertThat(prompt.passages()).containsExactly(Kb.RETURNS_EN, Kb.SHIPPING_EN);
    assertThat(prompt.version()).isEqualTo(SystemPrompts.VERSION);
    assertThat(prompt.droppedTurns()).isZero();
  }

  @Test
  void shouldWriteTheRulesInChineseForAChineseConversation() {
    Prompt prompt =
        new PromptBuilder(PromptSettings.defaults())
            .build(Kb.chineseWarrantyQuestion().build(), model(100_000), MAX_NEW);

    assertThat(prompt.messages().getFirst().content())
        .contains("只根据下面的知识库内容回答")
        .contains("人工客服")
        .contains("[1] 保修政策");
  }

  @Test
  void shouldDropTheOldestTurnsFirstThenTheWeakestPassages() {
    // Given six earlier turns and three passages, in a budget that fits about half of it
    GenerateReply request =
        Kb.englishReturnsQuestion()
            .setHistory(history(6))
            .setPassages(List.of(Kb.RETURNS_EN, Kb.PAYMENT_FAQ_EN, Kb.SHIPPING_EN))
            .build();
    PromptBuilder builder = new PromptBuilder(PromptSettings.defaults());
    int everything = countAll(request);
    ChatModel model = model(everything - 150 + MAX_NEW);

    // When
    Prompt prompt = builder.build(request, model, MAX_NEW);

    // Then older turns went first (the 2 recent ones stay) and then the weakest passage
    assertThat(prompt.tokens()).isLessThanOrEqualTo(prompt.budget());
    assertThat(prompt.historyTurns()).isEqualTo(2);
    assertThat(prompt.messages().get(1).content()).isEqualTo("turn 4");
    assertThat(prompt.passages()).containsExactly(Kb.RETURNS_EN, Kb.PAYMENT_FAQ_EN);
    assertThat(prompt.droppedPassages()).isEqualTo(1);
    assertThat(prompt.droppedTurns()).isEqualTo(4);
  }

  @Test
  void shouldShortenTheLastPassageWhenNothingElseCanGo() {
    // Given a budget that only fits the rules, the question and part of the best passage
    GenerateReply request = Kb.englishReturnsQuestion().setSummary("long ago").build();
    String rulesOnly =
        SystemPrompts.render("en", List.of(Kb.RETURNS_EN), "") + request.getUserText();
    ChatModel model = model(rulesOnly.length() - 100 + MAX_NEW);

    // When
    Prompt prompt = new PromptBuilder(PromptSettings.defaults()).build(request, model, MAX_NEW);

    // Then one shortened passage remains and the summary is gone
    assertThat(prompt.passages()).hasSize(1);
    assertThat(prompt.passages().getFirst().getText()).endsWith("…");
    assertThat(prompt.summaryIncluded()).isFalse();
    assertThat(prompt.tokens()).isLessThanOrEqualTo(prompt.budget());
  }

  @Test
  void shouldFailWhenEvenTheRulesAndTheQuestionDoNotFit() {
    GenerateReply request = Kb.englishReturnsQuestion().build();

    assertThatThrownBy(
            () -> new PromptBuilder(PromptSettings.defaults()).build(request, model(300), MAX_NEW))
        .isInstanceOf(GenerationException.PromptTooLongException.class);
  }

  @Test
  void shouldBudgetTheContextLengthMinusNewTokensCappedByConfiguration() {
    PromptBuilder unlimited = new PromptBuilder(PromptSettings.defaults());
    PromptBuilder capped = new PromptBuilder(PromptSettings.defaults().withMaxPromptTokens(500));

    assertThat(unlimited.budget(new ModelInfo("m", 2048), 256)).isEqualTo(1792);
    assertThat(unlimited.budget(new ModelInfo("m", 0), 96))
        .isEqualTo(PromptSettings.UNKNOWN_CONTEXT_LENGTH - 96);
    assertThat(capped.budget(new ModelInfo("m", 2048), 256)).isEqualTo(500);
  }

  private static int countAll(GenerateReply request) {
    return new PromptBuilder(PromptSettings.defaults())
        .build(request, model(1_000_000), MAX_NEW)
        .tokens();
  }

  private static List<Turn> history(int turns) {
    List<Turn> out = new ArrayList<>();
    for (int i = 0; i < turns; i++) {
      out.add(turn(i % 2 == 0 ? TurnRole.USER : TurnRole.ASSISTANT, "turn " + i));
    }
    return out;
  }

  private static Turn turn(TurnRole role, String text) {
    return Turn.newBuilder()
        .setRole(role)
        .setText(text)
        .setMessageId("m-" + text.hashCode())
        .setAt(Instant.parse("2026-01-05T09:00:00Z"))
        .build();
  }

  /** A model that counts one token per character and has the given context length. */
  private static ChatModel model(int contextLength) {
    return new ChatModel() {
      @Override
      public CompletableFuture<GenerationResult> generate(
          GenerationRequest request, StreamListener listener) {
        throw new UnsupportedOperationException("counting only");
      }

      @Override
      public int countPromptTokens(List<ChatMessage> messages) {
        return messages.stream().mapToInt(m -> m.content().length()).sum();
      }

      @Override
      public ModelInfo info() {
        return new ModelInfo("chars", contextLength);
      }

      @Override
      public void close() {}
    };
  }
}
