package io.streamdesk.schemas.registry;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A real Apicurio Registry 3 server (in-memory H2 storage) run as a child process for integration
 * tests; its Confluent-compatible API is {@link #ccompatUrl()}.
 *
 * <p>It runs the distribution that the build unpacks from Maven Central ({@code
 * io.apicurio:apicurio-registry-app:tar.gz:all}, path in the system property {@value
 * #DISTRIBUTION_PROPERTY}) with the test JVM's own {@code java} (21+). The HTTP API and the Quarkus
 * management interface both listen on free ports of 127.0.0.1 only. Readiness is the management
 * interface's {@code /health/ready}, polled. Output goes to {@link #logFile()}. {@link #close()}
 * stops it and its children; a JVM shutdown hook does so too if the tests never close it.
 *
 * <p>Apicurio's global compatibility level defaults to NONE (Confluent's to BACKWARD), and under
 * NONE its compatibility endpoint still answers {@code is_compatible=false} for changes that
 * registration then accepts. The harness therefore sets the global level to {@link
 * Options#compatibility()} (BACKWARD by default) once the registry is ready.
 */
public final class ApicurioRegistryProcess implements AutoCloseable {

  /** System property naming the unpacked distribution (the folder holding quarkus-run.jar). */
  public static final String DISTRIBUTION_PROPERTY = "streamdesk.apicurio.distribution";

  /** Path of the Confluent-compatible API (v7) on the registry's HTTP port. */
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

  /**
   * How to start the registry.
   *
   * @param distribution folder holding {@code quarkus-run.jar}
   * @param workDir where the log file and the process's temporary files go (created)
   * @param startupTimeout how long to wait for readiness
   * @param compatibility global compatibility level set once ready (BACKWARD, FULL, NONE, ...)
   * @param user when present, {@code /apis/*} requires HTTP basic auth with these credentials
   *     (Quarkus embedded users); health stays open
   */
  public record Options(
      Path distribution,
      Path workDir,
      Duration startupTimeout,
      String compatibility,
      Optional<RegistryCredentials.Basic> user) {

    public Options {
      Objects.requireNonNull(distribution, "distribution");
      Objects.requireNonNull(workDir, "workDir");
      Objects.requireNonNull(startupTimeout, "startupTimeout");
      Objects.requireNonNull(compatibility, "compatibility");
      Objects.requireNonNull(user, "user");
    }

    /**
     * The distribution named by {@value #DISTRIBUTION_PROPERTY}, files in a sibling folder {@code
     * apicurio-run}, 90 s to start (a loaded 2-core CI machine), BACKWARD, no authentication.
     */
    public static Options defaults() {
      String property = System.getProperty(DISTRIBUTION_PROPERTY);
      if (property == null || property.isBlank()) {
        throw new IllegalStateException(
            "system property "
                + DISTRIBUTION_PROPERTY
                + " is not set: run the registry integration tests through Maven"
                + " (./mvnw -pl schemas verify), which unpacks Apicurio Registry and sets it");
      }
      Path distribution = Path.of(property).toAbsolutePath();
      return new Options(
          distribution,
          distribution.resolveSibling("apicurio-run"),
          Duration.ofSeconds(90),
          "BACKWARD",
          Optional.empty());
    }

    public Options withUser(String user, String password) {
      return new Options(
          distribution,
          workDir,
          startupTimeout,
          compatibility,
          Optional.of(new RegistryCredentials.Basic(user, password)));
    }

    public Options withCompatibility(String level) {
      return new Options(distribution, workDir, startupTimeout, level, user);
    }
  }

  private final Options options;
  private final Process process;
  private final int httpPort;
  private final int managementPort;
  private final Path logFile;
  private final Path tmpDir;
  private final Thread shutdownHook;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private Duration startupTime;

  private ApicurioRegistryProcess(
      Options options, Process process, int httpPort, int managementPort, Path logFile, Path tmp) {
    this.options = options;
    this.process = process;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
    this.logFile = logFile;
    this.tmpDir = tmp;
    this.shutdownHook = new Thread(this::destroy, "apicurio-registry-stopper");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts the registry and returns once it is ready and its compatibility level is set. */
  public static ApicurioRegistryProcess start(Options options) {
    Path jar = options.distribution().resolve("quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "Apicurio Registry distribution not found: "
              + jar
              + " does not exist. The schemas build unpacks"
              + " io.apicurio:apicurio-registry-app:tar.gz:all from Maven Central there in the"
              + " pre-integration-test phase: run ./mvnw -pl schemas verify (online once).");
    }
    if (Runtime.version().feature() < 21) {
      throw new IllegalStateException(
          "Apicurio Registry 3 needs Java 21+, the tests run on " + Runtime.version());
    }
    long started = System.nanoTime();
    int httpPort = freePort();
    int managementPort = freePort();
    Path tmp = options.workDir().resolve("tmp-" + httpPort);
    Path logFile = options.workDir().resolve("apicurio-registry-" + httpPort + ".log");
    Process process;
    try {
      Files.createDirectories(tmp);
      process =
          new ProcessBuilder(command(options, jar, httpPort, managementPort, tmp))
              .directory(options.distribution().toFile())
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Apicurio Registry from " + jar, e);
    }
    var registry =
        new ApicurioRegistryProcess(options, process, httpPort, managementPort, logFile, tmp);
    try {
      registry.awaitReady();
      registry.setCompatibility(options.compatibility());
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    registry.startupTime = Duration.ofNanos(System.nanoTime() - started);
    return registry;
  }

  private static List<String> command(
      Options options, Path jar, int httpPort, int managementPort, Path tmp) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    // Start-up over peak speed: C1 only (C2 threads fight the tests for 2 cores), serial GC,
    // a bounded heap, no perf-data file.
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx384m",
            "-XX:-UsePerfData",
            "-Djava.io.tmpdir=" + tmp,
            "-Dfile.encoding=UTF-8"));
    // Everything on loopback, free ports; the management interface would bind 0.0.0.0:9000.
    command.addAll(
        List.of(
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + httpPort,
            "-Dquarkus.management.host=127.0.0.1",
            "-Dquarkus.management.port=" + managementPort,
            "-Dquarkus.banner.enabled=false"));
    // Confluent id semantics: ccompat ids are content ids, shared by subjects holding the same
    // schema (legacy mode would hand out per-version global ids instead).
    command.add("-Dapicurio.ccompat.legacy-id-mode.enabled=false");
    // An in-memory H2 database needs no pool of 20 connections.
    command.addAll(
        List.of(
            "-Dapicurio.datasource.jdbc.initial-size=2",
            "-Dapicurio.datasource.jdbc.min-size=2",
            "-Dapicurio.storage.snapshot.location=" + tmp,
            "-Dapicurio.import.work-dir=" + tmp));
    options
        .user()
        .ifPresent(
            user ->
                command.addAll(
                    List.of(
                        // Quarkus logs a warning that this is build-time fixed, and applies it.
                        "-Dquarkus.http.auth.basic=true",
                        "-Dquarkus.security.users.embedded.plain-text=true",
                        "-Dquarkus.security.users.embedded.users."
                            + user.user()
                            + "="
                            + user.password(),
                        "-Dquarkus.http.auth.permission.registry-api.paths=/apis/*",
                        "-Dquarkus.http.auth.permission.registry-api.policy=authenticated")));
    command.addAll(List.of("-jar", jar.toString()));
    return command;
  }

  /** {@code http://127.0.0.1:<port>/apis/ccompat/v7}. */
  public String ccompatUrl() {
    return "http://127.0.0.1:" + httpPort + CCOMPAT_PATH;
  }

  /** A client configuration for {@link #ccompatUrl()}, with the basic credentials if any. */
  public RegistryConfig registryConfig() {
    return new RegistryConfig(
        ccompatUrl(),
        true,
        options.user().map(RegistryCredentials.class::cast),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        1000);
  }

  public int httpPort() {
    return httpPort;
  }

  public int managementPort() {
    return managementPort;
  }

  /** Everything the registry printed, for debugging a failed test. */
  public Path logFile() {
    return logFile;
  }

  /** From spawning the process to ready with its compatibility level set. */
  public Duration startupTime() {
    return startupTime;
  }

  public long pid() {
    return process.pid();
  }

  /** Sets the global compatibility level (PUT /config), which subjects without their own use. */
  public void setCompatibility(String level) {
    HttpResponse<String> response =
        send(
            authorized(HttpRequest.newBuilder(URI.create(ccompatUrl() + "/config")))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "Apicurio refused compatibility " + level + ": HTTP " + response.statusCode());
    }
  }

  /** Stops the registry and deletes its temporary files; the log file stays. */
  @Override
  public void close() {
    destroy();
    deleteRecursively(tmpDir);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway
    }
    http.close();
  }

  private void awaitReady() {
    URI health = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
    try {
      await("Apicurio Registry readiness at " + health)
          .atMost(options.startupTimeout())
          .pollDelay(Duration.ofMillis(200))
          .pollInterval(Duration.ofMillis(100))
          .failFast("Apicurio Registry exited during start-up", () -> !process.isAlive())
          .until(() -> isUp(health));
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new IllegalStateException(
          "Apicurio Registry did not become ready ("
              + e.getMessage()
              + "); last lines of "
              + logFile
              + ":\n"
              + tail(logFile, 30),
          e);
    }
  }

  private boolean isUp(URI health) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
    options.user().ifPresent(u -> builder.header("Authorization", u.authorizationHeader()));
    return builder.timeout(Duration.ofSeconds(10));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("Apicurio Registry did not answer " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling " + request.uri(), e);
    }
  }

  /** SIGTERM to the process tree (Quarkus shuts down gracefully), then SIGKILL after 15 s. */
  private void destroy() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tree.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // left under target/: harmless
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
