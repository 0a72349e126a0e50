package io.streamdesk.schemas.registry;

/** The registry could not be reached, timed out, or answered with a server error. */
public class RegistryUnavailableException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public RegistryUnavailableException(String message) {
    super(message);
  }
}
