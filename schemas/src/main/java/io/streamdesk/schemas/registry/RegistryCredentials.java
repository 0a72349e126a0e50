package io.streamdesk.schemas.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** How the client authenticates to the registry. {@code toString()} never shows the secret. */
public sealed interface RegistryCredentials {

  /** The value of the HTTP {@code Authorization} header. */
  String authorizationHeader();

  /** HTTP basic authentication ({@code schema.registry.basic.auth.user.info=user:password}). */
  record Basic(String user, String password) implements RegistryCredentials {
    public Basic {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.isBlank() || user.indexOf(':') >= 0) {
        // RFC 7617: the user-id ends at the first colon.
        throw new IllegalArgumentException("basic auth user must be non-blank and contain no ':'");
      }
    }

    @Override
    public String authorizationHeader() {
      String pair = user + ":" + password;
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Basic[user=" + user + ", password=****]";
    }
  }

  /** A bearer token ({@code schema.registry.bearer.auth.token}). */
  record Bearer(String token) implements RegistryCredentials {
    public Bearer {
      Objects.requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("bearer token must not be blank");
      }
    }

    @Override
    public String authorizationHeader() {
      return "Bearer " + token;
    }

    @Override
    public String toString() {
      return "Bearer[token=****]";
    }
  }
}
