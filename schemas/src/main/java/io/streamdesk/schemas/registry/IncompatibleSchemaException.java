package io.streamdesk.schemas.registry;

/** The registry refused a schema because it breaks the subject's compatibility rule (HTTP 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  private final String subject;

  public IncompatibleSchemaException(String subject, String detail) {
    super("schema is incompatible with subject '" + subject + "': " + detail);
    this.subject = subject;
  }

  public String subject() {
    return subject;
  }
}
