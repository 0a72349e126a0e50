package io.streamdesk.generation.llm.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.tree.Node;
import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.GenerationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A model's own chat template (the Jinja {@code chat_template} of its tokenizer_config.json),
 * rendered with Jinjava the way transformers' {@code apply_chat_template} does: trim_blocks and
 * lstrip_blocks on, {@code messages}, {@code add_generation_prompt}, the special-token strings and
 * a {@code raise_exception} function in scope. Templates that raise (for example on an unsupported
 * role) or fail to render give a {@link GenerationException.TemplateException}.
 *
 * <p>Tested with ChatML / Qwen2-style templates; templates that use Python string methods (such as
 * {@code .startswith}) or slicing may not render under Jinjava.
 */
public final class ChatTemplate {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jinjava jinjava;
  private final Node root;
  private final Map<String, Object> specialTokens;

  /**
   * Parses {@code template} once (rendering a parsed tree is about 30 times faster than Jinjava's
   * render-from-source); throws IllegalArgumentException if it does not parse.
   */
  public ChatTemplate(String template, Map<String, String> specialTokens) {
    this.specialTokens = new HashMap<>(specialTokens);
    JinjavaConfig config =
        JinjavaConfig.newBuilder()
            .withTrimBlocks(true)
            .withLstripBlocks(true)
            .withFailOnUnknownTokens(false)
            .withLegacyOverrides(
                LegacyOverrides.newBuilder()
                    // Python Jinja semantics where Jinjava kept older defaults.
                    .withUseNaturalOperatorPrecedence(true)
                    .withParseWhitespaceControlStrictly(true)
                    .withUsePyishObjectMapper(true)
                    .build())
            .build();
    this.jinjava = new Jinjava(config);
    jinjava
        .getGlobalContext()
        .registerFunction(
            new ELFunctionDefinition(
                "", "raise_exception", ChatTemplate.class, "raiseException", String.class));
    String source = applyWhitespaceControl(template);
    // Like Python Jinja (keep_trailing_newline off): one trailing newline of the source is dropped.
    if (source.endsWith("\n")) {
      source = source.substring(0, source.length() - 1);
    }
    JinjavaInterpreter parser = jinjava.newInterpreter();
    this.root = parser.parse(source);
    List<TemplateError> fatal = fatal(parser.getErrorsCopy());
    if (!fatal.isEmpty()) {
      throw new IllegalArgumentException("chat template does not parse: " + describe(fatal));
    }
  }

  /**
   * Reads {@code chat_template} and the special tokens from tokenizer_config.json in {@code dir}.
   */
  public static ChatTemplate load(Path dir) {
    Path file = dir.resolve("tokenizer_config.json");
    if (!Files.isRegularFile(file)) {
      throw new ModelDirectoryException(dir, "tokenizer_config.json is missing");
    }
    JsonNode config;
    try {
      config = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelDirectoryException(dir, "tokenizer_config.json is not valid JSON", e);
    }
    String template = templateText(dir, config.path("chat_template"));
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String name : List.of("bos_token", "eos_token", "pad_token", "unk_token")) {
      tokens.put(name, tokenText(config.path(name)));
    }
    try {
      return new ChatTemplate(template, tokens);
    } catch (IllegalArgumentException e) {
      throw new ModelDirectoryException(dir, "tokenizer_config.json: " + e.getMessage(), e);
    }
  }

  /** The prompt text for {@code messages}; with the assistant header when asked to generate. */
  public String render(String requestId, List<ChatMessage> messages, boolean addGenerationPrompt) {
    Map<String, Object> bindings = new HashMap<>(specialTokens);
    bindings.put(
        "messages",
        messages.stream()
            .map(m -> Map.<String, Object>of("role", m.role().wireName(), "content", m.content()))
            .toList());
    bindings.put("add_generation_prompt", addGenerationPrompt);
    Context context =
        new Context(jinjava.getGlobalContext(), bindings, jinjava.getGlobalConfig().getDisabled());
    JinjavaInterpreter interpreter =
        new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
    JinjavaInterpreter.pushCurrent(interpreter);
    String output;
    try {
      output = interpreter.render(root, false);
    } catch (RuntimeException e) {
      throw new GenerationException.TemplateException(requestId, String.valueOf(e.getMessage()));
    } finally {
      JinjavaInterpreter.popCurrent();
    }
    List<TemplateError> fatal = fatal(interpreter.getErrorsCopy());
    if (!fatal.isEmpty()) {
      throw new GenerationException.TemplateException(requestId, describe(fatal));
    }
    return output;
  }

  private static List<TemplateError> fatal(List<TemplateError> errors) {
    return errors.stream().filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
  }

  private static String describe(List<TemplateError> errors) {
    return errors.stream().map(ChatTemplate::describe).collect(Collectors.joining("; "));
  }

  /**
   * Applies Jinja's whitespace control ({@code {{-}, {@code -}}}, {@code {%-}, {@code -%}}, and the
   * comment forms) up front: Jinja strips all whitespace on the marked side of the tag, and Jinjava
   * ignores the marker on expression tags, which real templates (Qwen2.5's) indent.
   */
  static String applyWhitespaceControl(String template) {
    return template.replaceAll("\\s*\\{([{%#])-", "{$1").replaceAll("-([}%#])}\\s*", "$1}");
  }

  /** Bound to {@code raise_exception(message)} in templates. */
  public static String raiseException(String message) {
    throw new TemplateRaisedException(message);
  }

  private static String describe(TemplateError error) {
    Throwable cause = error.getException();
    while (cause != null) {
      if (cause instanceof TemplateRaisedException raised) {
        return raised.getMessage();
      }
      cause = cause.getCause();
    }
    return error.getMessage();
  }

  private static String templateText(Path dir, JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    // Newer tokenizer configs hold a list of named templates: use the default one.
    if (node.isArray()) {
      for (JsonNode named : node) {
        if ("default".equals(named.path("name").asText())) {
          return named.path("template").asText();
        }
      }
    }
    throw new ModelDirectoryException(
        dir, "tokenizer_config.json has no chat_template (a string or a 'default' named template)");
  }

  private static String tokenText(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isObject()) {
      return node.path("content").asText("");
    }
    return "";
  }

  /** What {@code raise_exception} throws inside Jinjava; reported as a TemplateException. */
  static final class TemplateRaisedException extends RuntimeException {
    TemplateRaisedException(String message) {
      super(message);
    }
  }
}
