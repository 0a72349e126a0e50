package io.streamdesk.schemas.registry;

/**
 * The registry refused the request's credentials (HTTP 401) or their rights (HTTP 403). Check
 * {@code schema.registry.basic.auth.user.info} or {@code schema.registry.bearer.auth.token}; the
 * message never contains them.
 */
public class RegistryAccessDeniedException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public RegistryAccessDeniedException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 401 (unauthenticated) or 403 (forbidden). */
  public int status() {
    return status;
  }
}
