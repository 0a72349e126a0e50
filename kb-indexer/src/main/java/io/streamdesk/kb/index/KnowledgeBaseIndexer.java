package io.streamdesk.kb.index;

import io.streamdesk.kb.chunk.DocumentChunker;
import io.streamdesk.kb.parse.DocumentParseException;
import io.streamdesk.kb.parse.DocumentParsers;
import io.streamdesk.kb.parse.ParsedDocument;
import io.streamdesk.knowledge.index.Chunk;
import io.streamdesk.knowledge.index.ChunkEmbedder;
import io.streamdesk.knowledge.index.DocumentUpdate;
import io.streamdesk.knowledge.index.EmbeddedChunk;
import io.streamdesk.knowledge.index.IndexedDocument;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.language.LanguageRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the vector index in step with a knowledge base: parses documents, chunks them, embeds the
 * chunks with their language's model and writes them, incrementally.
 *
 * <p>Rules: a document whose fingerprint (content SHA-256 plus the settings that shape its chunks,
 * see {@link Fingerprints}) matches the index is skipped without loading a model, so re-indexing an
 * unchanged knowledge base costs one hash per file; a changed document replaces all its chunks in
 * one upsert (a search never sees a mix); a document gone from a re-indexed folder is deleted
 * (documents indexed from elsewhere are left alone); every change bumps the KB version, which the
 * index keeps. A file that cannot be read or parsed is reported as FAILED with its reason, keeps
 * what the index had for it, and the run goes on. Embeddings are computed in batches across
 * documents ({@link IndexerConfig#embedBatchTexts()}), one {@code embedAll} per language.
 *
 * <p>Thread-safe: runs and single-document calls are serialised, so a topic consumer and a folder
 * run can share one indexer.
 */
public final class KnowledgeBaseIndexer {

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseIndexer.class);
  private static final int LANGUAGE_SAMPLE_CHARS = 4000;

  private final VectorIndex index;
  private final LanguageRouter router;
  private final IndexerConfig config;
  private final DocumentParsers parsers;
  private final DocumentChunker chunker;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * @param router routes documents to their language's encoder; built with {@code config.routing()}
   */
  public KnowledgeBaseIndexer(VectorIndex index, LanguageRouter router, IndexerConfig config) {
    this(index, router, config, DocumentParsers.defaults());
  }

  public KnowledgeBaseIndexer(
      VectorIndex index, LanguageRouter router, IndexerConfig config, DocumentParsers parsers) {
    this.index = Objects.requireNonNull(index, "index");
    this.router = Objects.requireNonNull(router, "router");
    this.config = Objects.requireNonNull(config, "config");
    this.parsers = Objects.requireNonNull(parsers, "parsers");
    this.chunker = new DocumentChunker(config.chunker());
  }

  public IndexerConfig config() {
    return config;
  }

  /** The index's current KB version. */
  public long kbVersion() {
    return index.version();
  }

  /**
   * Indexes files and folders: new and changed documents are written, unchanged ones skipped,
   * documents gone from a given folder deleted.
   */
  public IndexSummary index(List<IndexSource> sources, IndexListener listener) {
    long start = System.nanoTime();
    lock.lock();
    try {
      List<DocumentResult> results = new ArrayList<>();
      Map<String, Candidate> candidates = new LinkedHashMap<>();
      for (IndexSource source : sources) {
        try {
          for (Candidate c : discover(source)) {
            candidates.putIfAbsent(c.documentId(), c);
          }
        } catch (IOException | RuntimeException e) {
          String id = source.idPrefix();
          results.add(
              DocumentResult.failed(
                  id,
                  source.path().toString(),
                  index.version(),
                  null,
                  "cannot read " + source.path() + ": " + e.getMessage()));
        }
      }
      listener.started(candidates.size());
      results.forEach(listener::finished);
      Map<String, IndexedDocument> before = index.documents();
      Known known = Known.of(before);
      Batch batch = new Batch(results, listener);
      for (Candidate candidate : candidates.values()) {
        prepare(candidate, known).ifPresent(r -> report(r, results, listener), batch::add);
      }
      batch.flush();
      for (IndexSource source : sources) {
        deleteMissing(source, candidates, before, results, listener);
      }
      return new IndexSummary(
          results, index.version(), Duration.ofNanos(System.nanoTime() - start));
    } finally {
      lock.unlock();
    }
  }

  /** Indexes one document given as bytes (UNCHANGED when its fingerprint matches the index). */
  public DocumentResult index(SourceDocument document) {
    lock.lock();
    try {
      Known known = Known.of(index);
      List<DocumentResult> results = new ArrayList<>(1);
      Batch batch = new Batch(results, IndexListener.NONE);
      prepare(document, known).ifPresent(results::add, batch::add);
      batch.flush();
      return results.getFirst();
    } finally {
      lock.unlock();
    }
  }

  /** Removes a document and its chunks; deleting an unknown document changes nothing. */
  public DocumentResult delete(String documentId, String source) {
    lock.lock();
    try {
      long version = index.delete(documentId);
      return new DocumentResult(
          documentId, source, DocumentStatus.DELETED, 0, version, null, null, null);
    } finally {
      lock.unlock();
    }
  }

  // ---- discovery --------------------------------------------------------------------------

  /** A file found under a source, with the id it is indexed under. */
  private record Candidate(String documentId, Path file, IndexSource source) {}

  private List<Candidate> discover(IndexSource source) throws IOException {
    Path root = source.path();
    if (!Files.exists(root)) {
      throw new IOException("no such file or folder");
    }
    if (!Files.isDirectory(root)) {
      return List.of(new Candidate(source.idPrefix(), root, source));
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !ignored(root.relativize(f)))
          .sorted()
          .map(
              f ->
                  new Candidate(
                      source.idPrefix() + "/" + relativeId(root.relativize(f)), f, source))
          .toList();
    }
  }

  /** Hidden files and folders, and the lock files Office leaves next to open documents. */
  private static boolean ignored(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("~$")) {
        return true;
      }
    }
    return false;
  }

  private static String relativeId(Path relative) {
    List<String> parts = new ArrayList<>();
    relative.forEach(p -> parts.add(p.toString()));
    return String.join("/", parts);
  }

  private void deleteMissing(
      IndexSource source,
      Map<String, Candidate> found,
      Map<String, IndexedDocument> before,
      List<DocumentResult> results,
      IndexListener listener) {
    if (!Files.isDirectory(source.path())) {
      return;
    }
    String prefix = source.idPrefix() + "/";
    for (String id : before.keySet()) {
      if (id.startsWith(prefix) && !found.containsKey(id)) {
        long version = index.delete(id);
        LOG.info("deleted {}: no longer under {}", id, source.path());
        report(
            new DocumentResult(id, "", DocumentStatus.DELETED, 0, version, null, null, null),
            results,
            listener);
      }
    }
  }

  // ---- per document -----------------------------------------------------------------------

  /** A document parsed and chunked, waiting for its vectors. */
  private record Pending(
      SourceDocument document,
      String fingerprint,
      String contentHash,
      String language,
      List<Chunk> chunks,
      boolean existed) {
    int texts() {
      return chunks.size() + (int) chunks.stream().filter(Chunk::isFaq).count();
    }
  }

  /** Either a final result (unchanged, failed) or a document to embed. */
  private record Prepared(DocumentResult result, Pending pending) {
    void ifPresent(
        java.util.function.Consumer<DocumentResult> done,
        java.util.function.Consumer<Pending> embed) {
      if (result != null) {
        done.accept(result);
      } else {
        embed.accept(pending);
      }
    }
  }

  private Prepared prepare(Candidate candidate, Known known) {
    String source = IndexSource.defaultId(candidate.file());
    byte[] content;
    try {
      long size = Files.size(candidate.file());
      if (size > config.maxDocumentBytes()) {
        return failed(
            candidate.documentId(),
            source,
            null,
            "too large: " + size + " bytes, the limit is " + config.maxDocumentBytes());
      }
      content = Files.readAllBytes(candidate.file());
    } catch (IOException e) {
      return failed(candidate.documentId(), source, null, "cannot read: " + e.getMessage());
    }
    return prepare(
        new SourceDocument(
            candidate.documentId(),
            candidate.file().getFileName().toString(),
            content,
            null,
            candidate.source().language(),
            null,
            candidate.source().category(),
            source),
        known);
  }

  private Prepared prepare(SourceDocument document, Known known) {
    String id = document.documentId();
    String contentHash = Fingerprints.sha256(document.content());
    if (document.content().length > config.maxDocumentBytes()) {
      return failed(
          id,
          document.source(),
          contentHash,
          "too large: "
              + document.content().length
              + " bytes, the limit is "
              + config.maxDocumentBytes());
    }
    String fingerprint = Fingerprints.fingerprint(contentHash, config, document);
    Optional<String> indexed = known.fingerprint(id);
    if (indexed.filter(fingerprint::equals).isPresent()) {
      return new Prepared(
          new DocumentResult(
              id,
              document.source(),
              DocumentStatus.UNCHANGED,
              known.chunkCount(id),
              index.version(),
              null,
              contentHash,
              null),
          null);
    }
    try {
      ParsedDocument parsed =
          parsers.parse(document.content(), document.name(), document.contentType());
      if (document.title() != null) {
        parsed = parsed.withTitle(document.title());
      }
      String language = languageOf(document, parsed);
      List<Chunk> chunks =
          chunker.chunk(
              parsed,
              new DocumentChunker.Target(id, document.source(), language, document.category()));
      if (chunks.isEmpty()) {
        return failed(id, document.source(), contentHash, "no text to index");
      }
      return new Prepared(
          null,
          new Pending(document, fingerprint, contentHash, language, chunks, indexed.isPresent()));
    } catch (DocumentParseException e) {
      return failed(id, document.source(), contentHash, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("{}: unexpected failure while parsing", id, e);
      return failed(id, document.source(), contentHash, "cannot index: " + e);
    }
  }

  private String languageOf(SourceDocument document, ParsedDocument parsed) {
    if (document.language() != null) {
      return router.resolve(document.language());
    }
    String text = parsed.title() + "\n" + parsed.plainText();
    return router.languageOf(
        text.length() > LANGUAGE_SAMPLE_CHARS ? text.substring(0, LANGUAGE_SAMPLE_CHARS) : text);
  }

  private Prepared failed(String id, String source, String contentHash, String reason) {
    LOG.warn("{}: {}", source.isEmpty() ? id : source, reason);
    return new Prepared(
        DocumentResult.failed(id, source, index.version(), contentHash, reason), null);
  }

  private static void report(
      DocumentResult result, List<DocumentResult> results, IndexListener listener) {
    results.add(result);
    listener.finished(result);
  }

  /**
   * What the index held before a run: a snapshot for folder runs, live lookups for one document.
   */
  private interface Known {

    Optional<String> fingerprint(String documentId);

    int chunkCount(String documentId);

    static Known of(Map<String, IndexedDocument> snapshot) {
      return new Known() {
        @Override
        public Optional<String> fingerprint(String id) {
          return Optional.ofNullable(snapshot.get(id)).map(IndexedDocument::contentHash);
        }

        @Override
        public int chunkCount(String id) {
          return Optional.ofNullable(snapshot.get(id)).map(IndexedDocument::chunkCount).orElse(0);
        }
      };
    }

    /** Looks single documents up (the full document list is only read for an UNCHANGED count). */
    static Known of(VectorIndex index) {
      return new Known() {
        @Override
        public Optional<String> fingerprint(String id) {
          return index.contentHash(id);
        }

        @Override
        public int chunkCount(String id) {
          IndexedDocument d = index.documents().get(id);
          return d == null ? 0 : d.chunkCount();
        }
      };
    }
  }

  /**
   * Documents waiting for vectors: embedded together once they hold enough texts, one {@code
   * embedAll} per language, then written one upsert per document.
   */
  private final class Batch {

    private final List<DocumentResult> results;
    private final IndexListener listener;
    private final List<Pending> pending = new ArrayList<>();
    private int texts;

    Batch(List<DocumentResult> results, IndexListener listener) {
      this.results = results;
      this.listener = listener;
    }

    void add(Pending document) {
      pending.add(document);
      texts += document.texts();
      if (texts >= config.embedBatchTexts()) {
        flush();
      }
    }

    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      Map<String, EmbeddedChunk> vectors;
      try {
        vectors = embed();
      } catch (RuntimeException e) {
        LOG.error("embedding failed for {} documents", pending.size(), e);
        for (Pending p : pending) {
          report(
              DocumentResult.failed(
                  p.document().documentId(),
                  p.document().source(),
                  index.version(),
                  p.contentHash(),
                  "embedding failed: " + e.getMessage()),
              results,
              listener);
        }
        clear();
        return;
      }
      for (Pending p : pending) {
        report(write(p, vectors), results, listener);
      }
      clear();
    }

    private Map<String, EmbeddedChunk> embed() {
      Map<String, List<Chunk>> byLanguage = new LinkedHashMap<>();
      for (Pending p : pending) {
        byLanguage.computeIfAbsent(p.language(), l -> new ArrayList<>()).addAll(p.chunks());
      }
      Map<String, EmbeddedChunk> vectors = new HashMap<>();
      byLanguage.forEach(
          (language, chunks) -> {
            for (EmbeddedChunk e : new ChunkEmbedder(router.encoderFor(language)).embed(chunks)) {
              vectors.put(e.chunk().id(), e);
            }
          });
      return vectors;
    }

    private DocumentResult write(Pending p, Map<String, EmbeddedChunk> vectors) {
      SourceDocument d = p.document();
      try {
        List<EmbeddedChunk> embedded = p.chunks().stream().map(c -> vectors.get(c.id())).toList();
        long version = index.upsert(new DocumentUpdate(d.documentId(), p.fingerprint(), embedded));
        DocumentStatus status = p.existed() ? DocumentStatus.UPDATED : DocumentStatus.ADDED;
        LOG.debug(
            "{} {}: {} chunks ({}), KB version {}",
            status,
            d.documentId(),
            embedded.size(),
            p.language(),
            version);
        return new DocumentResult(
            d.documentId(),
            d.source(),
            status,
            embedded.size(),
            version,
            p.language(),
            p.contentHash(),
            null);
      } catch (RuntimeException e) {
        LOG.error("{}: writing to the index failed", d.documentId(), e);
        return DocumentResult.failed(
            d.documentId(),
            d.source(),
            index.version(),
            p.contentHash(),
            "index write failed: " + e.getMessage());
      }
    }

    private void clear() {
      pending.clear();
      texts = 0;
    }
  }
}
