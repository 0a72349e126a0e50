package io.streamdesk.generation.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.GenerationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatTemplateAndTokenizerTest {

  /** Shaped like Qwen2.5's template: attribute access, loop.first, whitespace control, raise. */
  private static final String QWEN_LIKE =
      """
      {%- if messages[0].role == 'assistant' %}
          {{- raise_exception('Conversations must not start with the assistant') }}
      {%- endif %}
      {%- if messages[0]['role'] == 'system' %}
          {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}
      {%- else %}
          {{- '<|im_start|>system\\nYou are Qwen, a helpful assistant.<|im_end|>\\n' }}
      {%- endif %}
      {%- for message in messages %}
          {%- if message.role == "user" or (message.role == "system" and not loop.first) or message.role == "assistant" %}
              {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}
          {%- endif %}
      {%- endfor %}
      {%- if add_generation_prompt %}
          {{- '<|im_start|>assistant\\n' }}
      {%- endif %}
      """;

  @Test
  void shouldRenderTheFixtureTemplateExactlyLikePythonJinja() {
    // Given the fixture's template and the prompts Python's jinja2 rendered at build time
    ChatTemplate template = ChatTemplate.load(TinyLlm.dir());
    for (JsonNode conversation : TinyLlm.reference().path("conversations")) {
      // When Jinjava renders the same conversation, Then the text is identical
      assertThat(template.render("r", TinyLlm.messages(conversation), true))
          .isEqualTo(conversation.path("prompt").asText());
    }
  }

  @Test
  void shouldRenderAQwenStyleTemplate() {
    ChatTemplate template = new ChatTemplate(QWEN_LIKE, Map.of("eos_token", "<|im_end|>"));

    String prompt =
        template.render(
            "r",
            List.of(ChatMessage.user("你好"), ChatMessage.assistant("您好！"), ChatMessage.user("退货？")),
            true);

    assertThat(prompt)
        .isEqualTo(
            "<|im_start|>system\nYou are Qwen, a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\n你好<|im_end|>\n"
                + "<|im_start|>assistant\n您好！<|im_end|>\n"
                + "<|im_start|>user\n退货？<|im_end|>\n"
                + "<|im_start|>assistant\n");
    assertThat(
            template.render("r", List.of(ChatMessage.system("S"), ChatMessage.user("Hi")), false))
        .isEqualTo("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n");
  }

  @Test
  void shouldTurnRaiseExceptionIntoATypedError() {
    ChatTemplate template = new ChatTemplate(QWEN_LIKE, Map.of());

    assertThatThrownBy(() -> template.render("req-7", List.of(ChatMessage.assistant("Hi")), true))
        .isInstanceOf(GenerationException.TemplateException.class)
        .hasMessageContaining("req-7")
        .hasMessageContaining("Conversations must not start with the assistant");
  }

  @Test
  void shouldEncodeLikeTheTokenizerThatTrainedTheModel() {
    // Given texts and the ids the Python BPE produced at build time
    try (HfTokenizer tokenizer = HfTokenizer.load(TinyLlm.dir())) {
      for (JsonNode sample : TinyLlm.reference().path("tokenizer_samples")) {
        // When DJL's Hugging Face tokenizer encodes them, Then the ids are the same
        assertThat(tokenizer.encode(sample.path("text").asText()))
            .containsExactly(TinyLlm.ids(sample.path("ids")));
      }
      for (JsonNode conversation : TinyLlm.reference().path("conversations")) {
        assertThat(tokenizer.encode(conversation.path("prompt").asText()))
            .containsExactly(TinyLlm.ids(conversation.path("prompt_ids")));
      }
    }
  }

  @Test
  void shouldDetokenizeMultiByteCharactersOnlyWhenComplete() {
    try (HfTokenizer tokenizer = HfTokenizer.load(TinyLlm.dir())) {
      // Given a text whose emoji and rare character fall back to several byte tokens
      String text = "Emoji 🙂 and 龘 退货";
      long[] ids = tokenizer.encode(text);
      assertThat(ids.length).isGreaterThan(text.codePointCount(0, text.length()) / 2);

      // When the tokens arrive one by one
      StreamingDetokenizer detokenizer = new StreamingDetokenizer(tokenizer);
      StringBuilder joined = new StringBuilder();
      for (long id : ids) {
        String delta = detokenizer.add(id);
        assertThat(delta).doesNotContain("\uFFFD");
        joined.append(delta);
      }
      joined.append(detokenizer.flush());

      // Then only whole characters come out, and they add up to the text
      assertThat(joined.toString()).isEqualTo(text);
    }
  }
}
