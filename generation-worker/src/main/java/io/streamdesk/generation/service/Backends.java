package io.streamdesk.generation.service;

import io.streamdesk.generation.llm.extractive.ExtractiveAnswerer;
import io.streamdesk.generation.llm.extractive.ExtractiveReplyGenerator;
import io.streamdesk.generation.llm.onnx.OnnxChatModel;
import io.streamdesk.generation.llm.openai.OpenAiChatModel;
import io.streamdesk.generation.prompt.PromptBuilder;
import io.streamdesk.generation.reply.ChatModelReplyGenerator;
import io.streamdesk.generation.reply.ReplyGenerator;

/** Creates the reply generator {@code generation.backend} names. */
public final class Backends {

  private Backends() {}

  /** The configured backend, ready to generate; the caller closes it. */
  public static ReplyGenerator create(GenerationWorkerConfig config) {
    PromptBuilder prompts = new PromptBuilder(config.prompt());
    return switch (config.backend()) {
      case EXTRACTIVE -> extractive(config);
      case ONNX ->
          new ChatModelReplyGenerator(
              "onnx", OnnxChatModel.open(config.onnx()), prompts, config.sampling());
      case OPENAI ->
          new ChatModelReplyGenerator(
              "openai", new OpenAiChatModel(config.openai()), prompts, config.sampling());
    };
  }

  /** The extractive answerer: a backend of its own, and every other backend's fallback. */
  public static ExtractiveReplyGenerator extractive(GenerationWorkerConfig config) {
    return new ExtractiveReplyGenerator(new ExtractiveAnswerer(config.extractive()));
  }
}
