package io.streamdesk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.ingest.admin.AdminKey;
import io.streamdesk.testkit.EmbeddedKafkaExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat page in a real browser: Debian's chromium driven by playwright-core ({@code
 * src/test/browser/chat-page.mjs}) against the connector on an embedded broker, with a responder
 * that streams chunks and a cited reply. Asks a question, sees the answer stream in and its
 * citation, reloads (the conversation stays), asks for a human (the handoff shows), and checks the
 * Chinese UI; then opens the operations page /admin with the admin key (a wrong key is refused, the
 * right one shows the hour's figures) in English and Chinese.
 *
 * <p>Needs chromium ({@code apt-get install chromium}; or CHROMIUM_PATH), node, and the npm project
 * installed (this test runs {@code npm ci} itself when npm is there). Without them it is skipped
 * with the reason, except under {@code STREAMDESK_CI=1}, where it fails.
 */
class WebChatBrowserIT {

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withCatalogue();

  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(3);
  private static final String ADMIN_KEY = AdminKey.generate();

  @Test
  @SuppressWarnings("try") // the responder works by existing: it answers from its own thread
  void shouldStreamTheAnswerAndShowItsCitationInChromium() throws Exception {
    Path dir = browserTestDir();
    Path chromium = requireChromium();
    requireCommand("node");
    ensureNodeModules(dir);

    try (ConnectorHarness connector =
            ConnectorHarness.start(
                kafka.bootstrapServers(),
                ConnectorHarness.newScope(),
                Map.of("ingest.admin.key-hash", AdminKey.of(ADMIN_KEY).format()));
        TestResponder responder =
            new TestResponder(
                kafka.bootstrapServers(),
                connector.topics,
                connector.serdes,
                Duration.ofMillis(150))) {
      Result run =
          run(
              dir,
              BROWSER_TIMEOUT,
              "node",
              "chat-page.mjs",
              connector.service.baseUri().toString(),
              chromium.toString(),
              ADMIN_KEY);
      assertThat(run.exitCode()).as("chat-page.mjs output:%n%s", run.output()).isZero();
      assertThat(run.output()).contains("all checks passed");
    }
  }

  private static Path browserTestDir() {
    String configured = System.getProperty("streamdesk.browser.test.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("src/test/browser");
    assertThat(dir.resolve("chat-page.mjs")).exists();
    return dir;
  }

  private static Path requireChromium() {
    String configured = System.getenv("CHROMIUM_PATH");
    for (String candidate :
        configured != null
            ? List.of(configured)
            : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      Path path = Path.of(candidate);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    return missing("chromium not found (apt-get install chromium, or set CHROMIUM_PATH)");
  }

  private static void requireCommand(String command) {
    if (which(command).isEmpty()) {
      missing(command + " not found on PATH (apt-get install nodejs npm)");
    }
  }

  /** Installs the locked npm dependencies when they are missing. */
  private static void ensureNodeModules(Path dir) throws Exception {
    if (Files.isDirectory(dir.resolve("node_modules/playwright-core"))) {
      return;
    }
    if (which("npm").isEmpty()) {
      missing("playwright-core is not installed and npm is not on PATH: run npm ci in " + dir);
    }
    Result install = run(dir, NPM_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund");
    if (install.exitCode() != 0
        || !Files.isDirectory(dir.resolve("node_modules/playwright-core"))) {
      missing("npm ci failed in " + dir + ":\n" + install.output());
    }
  }

  /** Skips, or fails under STREAMDESK_CI=1, where the browser test must run. */
  private static <T> T missing(String reason) {
    if ("1".equals(System.getenv("STREAMDESK_CI"))) {
      return Assertions.fail("browser test cannot run in CI: " + reason);
    }
    Assumptions.abort("browser test skipped: " + reason);
    return null;
  }

  private static Optional<Path> which(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Output and exit code of a finished process. */
  private record Result(int exitCode, String output) {}

  private static Result run(Path dir, Duration timeout, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (InputStream in = process.getInputStream()) {
                    output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                  } catch (IOException e) {
                    output.append("(output lost: ").append(e).append(')');
                  }
                });
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      reader.join(5000);
      return Assertions.fail(
          String.join(" ", command) + " did not finish within " + timeout + ":\n" + output);
    }
    reader.join(5000);
    System.err.println(output); // the script's step log, in the test report
    return new Result(process.exitValue(), output.toString());
  }
}
