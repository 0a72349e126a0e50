package io.streamdesk.generation.llm;

import java.util.Objects;

/** One turn of a conversation as chat models see it. */
public record ChatMessage(Role role, String content) {

  /** Roles as chat templates name them. */
  public enum Role {
    SYSTEM("system"),
    USER("user"),
    ASSISTANT("assistant");

    private final String wireName;

    Role(String wireName) {
      this.wireName = wireName;
    }

    /** The lower-case name chat templates and OpenAI-compatible APIs use. */
    public String wireName() {
      return wireName;
    }
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
