package io.streamdesk.schemas.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Bounded caches in front of a remote registry: schemas by id (immutable in every registry, so they
 * never expire) and ids by subject and schema. Each cache holds at most {@code capacity} entries
 * and evicts the least recently used. Latest-version and compatibility calls always go through,
 * since their answers change; failures are not cached.
 *
 * <p>Registering does not fill the schema-by-id cache: a registry may answer with the id of an
 * equivalent schema it already holds (Apicurio matches a subject's versions ignoring {@code doc}),
 * and readers must see the registry's text for that id.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private final SchemaRegistryClient delegate;
  private final Map<Integer, Schema> schemasById;
  private final Map<String, Integer> idsBySubjectAndSchema;

  public CachingSchemaRegistryClient(SchemaRegistryClient delegate, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be >= 1, got " + capacity);
    }
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.schemasById = lruMap(capacity);
    this.idsBySubjectAndSchema = lruMap(capacity);
  }

  @Override
  public int register(String subject, Schema schema) {
    String key = subject + '\u0000' + schema;
    Integer cached = idsBySubjectAndSchema.get(key);
    if (cached != null) {
      return cached;
    }
    int id = delegate.register(subject, schema);
    idsBySubjectAndSchema.put(key, id);
    return id;
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    String key = subject + '\u0000' + schema;
    Integer cached = idsBySubjectAndSchema.get(key);
    if (cached != null) {
      return cached;
    }
    int id = delegate.lookupId(subject, schema);
    idsBySubjectAndSchema.put(key, id);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    Schema schema = delegate.schemaById(id);
    schemasById.put(id, schema);
    return schema;
  }

  @Override
  public Optional<SubjectVersion> latest(String subject) {
    return delegate.latest(subject);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    return delegate.isCompatible(subject, schema);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "CachingSchemaRegistryClient[" + delegate + "]";
  }

  private static <K, V> Map<K, V> lruMap(int capacity) {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        });
  }
}
