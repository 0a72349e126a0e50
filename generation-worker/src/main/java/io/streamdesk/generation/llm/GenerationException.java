package io.streamdesk.generation.llm;

/** A generation that could not be completed; subclasses say why. */
public class GenerationException extends RuntimeException {

  private final String requestId;

  public GenerationException(String requestId, String message) {
    this(requestId, message, null);
  }

  public GenerationException(String requestId, String message, Throwable cause) {
    super(requestId == null ? message : "request " + requestId + ": " + message, cause);
    this.requestId = requestId;
  }

  /** The request that failed, or null for failures not tied to one request. */
  public String requestId() {
    return requestId;
  }

  /** The prompt (with the chat template) does not fit the model's context length. */
  public static final class PromptTooLongException extends GenerationException {
    public PromptTooLongException(String requestId, int promptTokens, int contextLength) {
      super(
          requestId,
          "prompt takes "
              + promptTokens
              + " tokens but the model's context length is "
              + contextLength);
    }
  }

  /** The backend's queue is full: retry later or route the request elsewhere. */
  public static final class OverloadedException extends GenerationException {
    public OverloadedException(String requestId, int queued) {
      super(requestId, "backend overloaded: " + queued + " requests already queued");
    }
  }

  /** The chat template rejected the conversation (for example an unsupported role). */
  public static final class TemplateException extends GenerationException {
    public TemplateException(String requestId, String message) {
      super(requestId, "chat template: " + message);
    }
  }
}
