package io.streamdesk.kb.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentFetcherTest {

  @TempDir Path allowed;
  @TempDir Path elsewhere;

  private HttpServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/faq.csv",
        exchange -> {
          byte[] body = "question,answer\nQ?,A.\n".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/csv; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/big.txt",
        exchange -> {
          byte[] body = new byte[2048];
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void shouldReadFilesInsideTheAllowedFoldersOnly() throws Exception {
    // Given a file inside the allowed folder, one outside, and a link from inside to outside
    Path inside = Files.writeString(allowed.resolve("policy.md"), "# Policy");
    Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "secret");
    Path link = Files.createSymbolicLink(allowed.resolve("link.txt"), secret);
    DocumentFetcher fetcher = new DocumentFetcher(config(List.of(allowed), 1024));

    // When each is fetched, then only the inside file is read
    assertThat(fetcher.fetch(inside.toUri()).content())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("# Policy");
    assertThatThrownBy(() -> fetcher.fetch(secret.toUri()))
        .isInstanceOf(DocumentFetchException.class)
        .hasMessageContaining("outside the allowed folders");
    assertThatThrownBy(() -> fetcher.fetch(link.toUri()))
        .isInstanceOf(DocumentFetchException.class)
        .hasMessageContaining("outside the allowed folders");
  }

  @Test
  void shouldRefuseFileUrisWhenNoFolderIsAllowed() throws Exception {
    Path file = Files.writeString(allowed.resolve("a.txt"), "a");
    DocumentFetcher fetcher = new DocumentFetcher(config(List.of(), 1024));
    assertThatThrownBy(() -> fetcher.fetch(file.toUri()))
        .isInstanceOf(DocumentFetchException.class)
        .hasMessageContaining("kb.consumer.file.roots");
  }

  @Test
  void shouldDownloadOverHttpWithTheServersContentType() throws Exception {
    DocumentFetcher fetcher = new DocumentFetcher(config(List.of(), 1024));

    DocumentFetcher.Fetched fetched = fetcher.fetch(url("/faq.csv"));

    assertThat(fetched.content()).asString(StandardCharsets.UTF_8).startsWith("question,answer");
    assertThat(fetched.contentType()).contains("text/csv; charset=utf-8");
  }

  @Test
  void shouldReportHttpErrorsTooLargeBodiesAndOtherSchemes() {
    DocumentFetcher fetcher = new DocumentFetcher(config(List.of(), 1024));
    assertThatThrownBy(() -> fetcher.fetch(url("/missing.pdf")))
        .isInstanceOf(DocumentFetchException.class)
        .hasMessageContaining("HTTP 404");
    assertThatThrownBy(() -> fetcher.fetch(url("/big.txt")))
        .isInstanceOf(DocumentFetchException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> fetcher.fetch(URI.create("ftp://127.0.0.1/faq.csv")))
        .isInstanceOf(DocumentFetchException.class)
        .hasMessageContaining("unsupported URI scheme 'ftp'");
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static KbConsumerConfig config(List<Path> roots, long maxBytes) {
    return new KbConsumerConfig(
        "g", Duration.ofMillis(100), roots, Duration.ofSeconds(5), maxBytes);
  }
}
