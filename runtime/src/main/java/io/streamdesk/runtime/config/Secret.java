package io.streamdesk.runtime.config;

import java.util.Objects;

/**
 * A configured secret (password, token, credentials). Its {@link #toString()} never shows the
 * value, so a secret that ends up in a log line, an exception or a config dump stays hidden; call
 * {@link #reveal()} only where the value is handed to the client that needs it.
 */
public final class Secret {

  /** What every secret prints as. */
  public static final String MASK = "******";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret value itself. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return MASK;
  }
}
