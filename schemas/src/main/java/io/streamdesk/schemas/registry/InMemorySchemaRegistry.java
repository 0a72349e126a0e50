package io.streamdesk.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * The in-process registry behind {@code mock://scope} URLs, for the local stack and tests. It keeps
 * Confluent's semantics that matter to the serdes: global ids shared by identical schemas, versions
 * per subject, and BACKWARD compatibility (a new version must read data written with the latest).
 *
 * <p>Registries are shared per scope inside the JVM, so every serde of one local stack sees the
 * same schemas; tests use a unique scope each and {@link #drop(String)} it. The local stack keeps
 * Kafka's data across restarts, so it also {@link #persistTo persists} its registry: records
 * written before a restart name schema ids that must still mean the same schemas after it.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

  private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final String scope;
  private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, List<SubjectVersion>> versionsBySubject = new ConcurrentHashMap<>();
  private final ObjectMapper json = new ObjectMapper();
  private Path journal;

  private InMemorySchemaRegistry(String scope) {
    this.scope = scope;
  }

  /** The registry of {@code scope}, created on first use. */
  public static InMemorySchemaRegistry forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, InMemorySchemaRegistry::new);
  }

  /** Forgets every schema of {@code scope}. */
  public static void drop(String scope) {
    SCOPES.remove(scope);
  }

  /**
   * Replays the registrations journaled in {@code file} (ids and versions as they were) and appends
   * every later registration to it, one JSON line each. Call before any serde registers.
   */
  public synchronized void persistTo(Path file) {
    requireEmpty("persist it");
    if (Files.exists(file)) {
      replayJournal(file);
    } else {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the folder of the schema journal " + file, e);
      }
    }
    journal = file;
  }

  /**
   * Replays the registrations journaled in {@code file} and never writes to it: for a second
   * process (benchmark, replay, export) that reads and writes a running local stack's topics. It
   * resolves the stack's ids; its own registrations stay in this JVM, and an identical schema keeps
   * the id the journal gave it, so the two processes never disagree about an id the stack knows.
   * Call before any serde registers.
   *
   * @throws UncheckedIOException if the journal cannot be read (a missing file included)
   */
  public synchronized InMemorySchemaRegistry loadFrom(Path file) {
    requireEmpty("load it");
    replayJournal(file);
    return this;
  }

  private void requireEmpty(String what) {
    if (!schemasById.isEmpty() && journal == null) {
      throw new IllegalStateException(
          "mock://" + scope + " already holds schemas; " + what + " before any serde registers");
    }
  }

  private void replayJournal(Path file) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          replay(json.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schema journal " + file, e);
    }
  }

  private void replay(JsonNode entry) {
    Schema schema = new Schema.Parser().parse(entry.path("schema").asText());
    int id = entry.path("id").asInt();
    String subject = entry.path("subject").asText();
    schemasById.put(id, schema);
    idsBySchema.put(schema.toString(), id);
    List<SubjectVersion> versions =
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    versions.add(new SubjectVersion(subject, versions.size() + 1, id, schema));
  }

  private void journal(String subject, int id, Schema schema) {
    if (journal == null) {
      return;
    }
    String line =
        json.createObjectNode()
                .put("subject", subject)
                .put("id", id)
                .put("schema", schema.toString())
                .toString()
            + "\n";
    try {
      Files.writeString(
          journal,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the schema journal " + journal, e);
    }
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<SubjectVersion> versions =
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    for (SubjectVersion existing : versions) {
      if (existing.schema().toString().equals(schema.toString())) {
        return existing.id();
      }
    }
    if (!versions.isEmpty()) {
      requireBackwardCompatible(subject, schema, versions.getLast().schema());
    }
    int id =
        idsBySchema.computeIfAbsent(
            schema.toString(),
            s -> {
              int next = schemasById.size() + 1;
              schemasById.put(next, schema);
              return next;
            });
    versions.add(new SubjectVersion(subject, versions.size() + 1, id, schema));
    journal(subject, id, schema);
    return id;
  }

  @Override
  public synchronized int lookupId(String subject, Schema schema) {
    return versionsBySubject.getOrDefault(subject, List.of()).stream()
        .filter(v -> v.schema().toString().equals(schema.toString()))
        .mapToInt(SubjectVersion::id)
        .findFirst()
        .orElseThrow(() -> new SchemaNotRegisteredException(subject));
  }

  @Override
  public Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new UnknownSchemaIdException(id, RegistryConfig.MOCK_SCHEME + scope);
    }
    return schema;
  }

  @Override
  public synchronized Optional<SubjectVersion> latest(String subject) {
    List<SubjectVersion> versions = versionsBySubject.getOrDefault(subject, List.of());
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    return latest(subject).map(v -> backwardCompatible(schema, v.schema())).orElse(true);
  }

  private static void requireBackwardCompatible(String subject, Schema candidate, Schema latest) {
    if (!backwardCompatible(candidate, latest)) {
      var result =
          SchemaCompatibility.checkReaderWriterCompatibility(candidate, latest).getResult();
      throw new IncompatibleSchemaException(subject, String.valueOf(result.getIncompatibilities()));
    }
  }

  private static boolean backwardCompatible(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
  }
}
