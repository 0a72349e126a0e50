package io.streamdesk.schemas.registry;

/** Creates the client a {@link RegistryConfig} asks for. */
public final class SchemaRegistryClients {

  private SchemaRegistryClients() {}

  /**
   * {@code mock://scope} gives the shared in-process registry of that scope; {@code http(s)://}
   * gives a REST client of the Confluent API behind a bounded cache.
   */
  public static SchemaRegistryClient create(RegistryConfig config) {
    if (config.isMock()) {
      return InMemorySchemaRegistry.forScope(config.mockScope());
    }
    return new CachingSchemaRegistryClient(
        new ConfluentRestRegistryClient(config), config.cacheCapacity());
  }
}
