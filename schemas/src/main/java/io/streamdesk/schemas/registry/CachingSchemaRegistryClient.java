package io.streamdesk.schemas.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Bounded caches in front of a remote registry: schemas by id (immutable in every registry, so they
 * never expire) and ids by subject and schema. Each entry is evicted least-recently-used once a
 * cache holds {@code capacity} entries. Latest-version and compatibility calls always go through,
 * since their answers change.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private final SchemaRegistryClient delegate;
  private final Map<Integer, Schema> schemasById;
  private final Map<String, Integer> idsBySubjectAndSchema;

  public CachingSchemaRegistryClient(SchemaRegistryClient delegate, int capacity) {
    this.delegate = delegate;
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
    schemasById.put(id, schema);
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
