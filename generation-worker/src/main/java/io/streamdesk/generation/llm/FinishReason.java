package io.streamdesk.generation.llm;

/** Why a generation ended. */
public enum FinishReason {
  /** The model emitted a stop token (end of sequence) or the text reached a stop string. */
  STOP,
  /** The maximum number of new tokens, or the model's context length, was reached. */
  LENGTH
}
