package io.streamdesk.kb.consumer;

import io.streamdesk.kb.index.DocumentResult;
import io.streamdesk.kb.index.DocumentStatus;
import io.streamdesk.kb.index.KnowledgeBaseIndexer;
import io.streamdesk.kb.index.SourceDocument;
import io.streamdesk.schemas.events.DocumentOperation;
import io.streamdesk.schemas.events.IndexStatus;
import io.streamdesk.schemas.events.KnowledgeDocumentIndexed;
import io.streamdesk.schemas.events.KnowledgeDocumentSubmitted;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one {@link KnowledgeDocumentSubmitted} command and says what happened as a {@link
 * KnowledgeDocumentIndexed} event: UPSERT (content bytes, or a {@code file:}/{@code http(s):} URI)
 * becomes INDEXED, or UNCHANGED when the index already holds the same content; DELETE becomes
 * DELETED. Anything that goes wrong, a bad URI, an unreadable file, a content hash that does not
 * match the bytes, becomes a FAILED event with the reason: this never throws for a bad document.
 * Replaying a command is harmless (idempotent by content hash).
 */
public final class KnowledgeDocumentHandler {

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeDocumentHandler.class);

  /** Metadata keys that may name the file, for the format and the fallback title. */
  static final String NAME_KEY = "name";

  private final KnowledgeBaseIndexer indexer;
  private final DocumentFetcher fetcher;
  private final String sourceTopic;
  private final Clock clock;

  /**
   * @param sourceTopic the topic commands come from, recorded as the source of documents that are
   *     sent as bytes
   */
  public KnowledgeDocumentHandler(
      KnowledgeBaseIndexer indexer, DocumentFetcher fetcher, String sourceTopic, Clock clock) {
    this.indexer = indexer;
    this.fetcher = fetcher;
    this.sourceTopic = sourceTopic;
    this.clock = clock;
  }

  public KnowledgeDocumentIndexed handle(KnowledgeDocumentSubmitted command) {
    String id = command.getDocumentId();
    String source = command.getUri() != null ? command.getUri() : "kafka:" + sourceTopic;
    try {
      DocumentResult result =
          command.getOperation() == DocumentOperation.DELETE
              ? indexer.delete(id, source)
              : indexer.index(document(command, source));
      return event(result);
    } catch (DocumentFetchException | IllegalArgumentException e) {
      return failed(id, source, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{}: indexing failed", id, e);
      return failed(id, source, "indexing failed: " + e);
    }
  }

  /** A FAILED event for a record that could not even be read as a command. */
  public KnowledgeDocumentIndexed unreadable(String documentId, String reason) {
    return failed(documentId, "kafka:" + sourceTopic, reason);
  }

  private SourceDocument document(KnowledgeDocumentSubmitted command, String source)
      throws DocumentFetchException {
    byte[] content;
    String contentType = command.getContentType();
    String name = command.getMetadata().getOrDefault(NAME_KEY, "");
    if (command.getContent() != null) {
      content = bytes(command.getContent());
    } else if (command.getUri() != null) {
      URI uri;
      try {
        uri = URI.create(command.getUri());
      } catch (IllegalArgumentException e) {
        throw new DocumentFetchException("not a URI: " + command.getUri());
      }
      DocumentFetcher.Fetched fetched = fetcher.fetch(uri);
      content = fetched.content();
      if (contentType == null) {
        contentType =
            fetched.contentType().filter(KnowledgeDocumentHandler::isDocumentType).orElse(null);
      }
      if (name.isEmpty() && uri.getPath() != null) {
        name = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
      }
    } else {
      throw new DocumentFetchException("an UPSERT needs content or a uri");
    }
    if (command.getContentHash() != null) {
      String actual = sha256(content);
      if (!actual.equalsIgnoreCase(command.getContentHash().strip())) {
        throw new DocumentFetchException(
            "content hash mismatch: the command says "
                + command.getContentHash()
                + ", the content is "
                + actual);
      }
    }
    return new SourceDocument(
        command.getDocumentId(),
        name,
        content,
        contentType,
        command.getLanguage(),
        command.getTitle(),
        command.getCategory(),
        source);
  }

  private KnowledgeDocumentIndexed event(DocumentResult r) {
    return KnowledgeDocumentIndexed.newBuilder()
        .setDocumentId(r.documentId())
        .setStatus(status(r.status()))
        .setChunkCount(r.chunkCount())
        .setKbVersion(r.kbVersion())
        .setLanguage(r.language())
        .setContentHash(r.contentHash())
        .setSource(r.source().isEmpty() ? null : r.source())
        .setError(r.error())
        .setIndexedAt(clock.instant())
        .build();
  }

  private KnowledgeDocumentIndexed failed(String id, String source, String reason) {
    LOG.warn("{}: {}", id, reason);
    return KnowledgeDocumentIndexed.newBuilder()
        .setDocumentId(id)
        .setStatus(IndexStatus.FAILED)
        .setChunkCount(0)
        .setKbVersion(indexer.kbVersion())
        .setSource(source)
        .setError(reason)
        .setIndexedAt(clock.instant())
        .build();
  }

  private static IndexStatus status(DocumentStatus status) {
    return switch (status) {
      case ADDED, UPDATED -> IndexStatus.INDEXED;
      case UNCHANGED -> IndexStatus.UNCHANGED;
      case DELETED -> IndexStatus.DELETED;
      case FAILED -> IndexStatus.FAILED;
    };
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Content types worth passing to the parsers (a server's generic octet-stream is not). */
  private static boolean isDocumentType(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return !type.startsWith("application/octet-stream") && !type.startsWith("binary/");
  }
}
