package io.streamdesk.kb.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a submitted document from its URI: {@code file:} inside the configured roots only (resolved
 * through symbolic links, so a link cannot lead out), {@code http(s):} with a timeout; at most
 * {@code maxDocumentBytes} either way. Thread-safe.
 */
public final class DocumentFetcher {

  /**
   * @param content the bytes
   * @param contentType the server's Content-Type, if any
   */
  public record Fetched(byte[] content, Optional<String> contentType) {}

  private final KbConsumerConfig config;
  private final List<Path> roots;
  private final HttpClient http;

  public DocumentFetcher(KbConsumerConfig config) {
    this.config = config;
    List<Path> resolved = new ArrayList<>();
    for (Path root : config.fileRoots()) {
      try {
        resolved.add(root.toRealPath());
      } catch (IOException e) {
        throw new IllegalArgumentException("kb.consumer.file.roots: no such folder " + root, e);
      }
    }
    this.roots = List.copyOf(resolved);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.httpTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public Fetched fetch(URI uri) throws DocumentFetchException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "file" -> readFile(uri);
      case "http", "https" -> download(uri);
      default ->
          throw new DocumentFetchException(
              "unsupported URI scheme '" + scheme + "' (file:, http: and https: are read)");
    };
  }

  private Fetched readFile(URI uri) throws DocumentFetchException {
    if (roots.isEmpty()) {
      throw new DocumentFetchException(
          "file: URIs are refused: no folder is allowed (set kb.consumer.file.roots)");
    }
    Path file;
    try {
      file = Path.of(uri).toRealPath();
    } catch (IOException | IllegalArgumentException e) {
      throw new DocumentFetchException("cannot read " + uri + ": " + e.getMessage(), e);
    }
    if (roots.stream().noneMatch(file::startsWith)) {
      throw new DocumentFetchException(uri + " is outside the allowed folders " + roots);
    }
    try {
      long size = Files.size(file);
      if (size > config.maxDocumentBytes()) {
        throw tooLarge(size);
      }
      return new Fetched(Files.readAllBytes(file), Optional.empty());
    } catch (IOException e) {
      throw new DocumentFetchException("cannot read " + uri + ": " + e.getMessage(), e);
    }
  }

  private Fetched download(URI uri) throws DocumentFetchException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.httpTimeout()).GET().build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new DocumentFetchException(
              "GET " + uri + " answered HTTP " + response.statusCode());
        }
        byte[] content =
            body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxDocumentBytes() + 1));
        if (content.length > config.maxDocumentBytes()) {
          throw tooLarge(content.length);
        }
        return new Fetched(content, response.headers().firstValue("Content-Type"));
      }
    } catch (IOException e) {
      throw new DocumentFetchException("GET " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocumentFetchException("GET " + uri + " interrupted", e);
    }
  }

  private DocumentFetchException tooLarge(long size) {
    return new DocumentFetchException(
        "too large: " + size + " bytes, the limit is " + config.maxDocumentBytes());
  }
}
