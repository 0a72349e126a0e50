package io.streamdesk.schemas.registry;

/**
 * A serializer with auto-registration off met a schema its subject does not hold. Register the
 * schema (CI, a migration step) or turn {@code schema.registry.auto.register.schemas} on.
 */
public class SchemaNotRegisteredException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  public SchemaNotRegisteredException(String subject) {
    super(
        "schema is not registered under subject '"
            + subject
            + "' and auto-registration is off (schema.registry.auto.register.schemas=false)");
  }
}
