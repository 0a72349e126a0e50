package io.streamdesk.schemas.registry;

/** The registry holds no schema with the id a record's header names. */
public class UnknownSchemaIdException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  private final int schemaId;

  public UnknownSchemaIdException(int schemaId, String registry) {
    super("schema id " + schemaId + " is unknown to the registry at " + registry);
    this.schemaId = schemaId;
  }

  public int schemaId() {
    return schemaId;
  }
}
