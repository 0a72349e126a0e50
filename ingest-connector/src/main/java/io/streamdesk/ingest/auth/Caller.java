package io.streamdesk.ingest.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Who sent a request: an API-key client (a channel's server, trusted with any conversation of its
 * channel) or a chat-page session (bound to the one conversation its cookie names).
 *
 * @param kind how the caller authenticated
 * @param channel channel of the messages the caller sends
 * @param principal rate-limit and idempotency identity; never contains a secret
 * @param conversation the conversation a web session owns; empty for API keys
 */
public record Caller(Kind kind, String channel, String principal, Optional<String> conversation) {

  /** How a caller authenticated. */
  public enum Kind {
    API_KEY,
    WEB_SESSION
  }

  public Caller {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(conversation, "conversation");
  }

  public static Caller apiKey(String channel, String principal) {
    return new Caller(Kind.API_KEY, channel, principal, Optional.empty());
  }

  /** A chat-page session; all sessions of the web channel share one rate-limit identity. */
  public static Caller webSession(String channel, String conversationId) {
    return new Caller(Kind.WEB_SESSION, channel, "web:" + channel, Optional.of(conversationId));
  }

  /** Whether this caller may read and write {@code conversationId}. */
  public boolean mayAccess(String conversationId) {
    return conversation.map(c -> c.equals(conversationId)).orElse(true);
  }
}
