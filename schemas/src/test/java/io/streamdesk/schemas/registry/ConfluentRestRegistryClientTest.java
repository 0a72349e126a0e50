package io.streamdesk.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class ConfluentRestRegistryClientTest {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String PASSWORD = "s3cret-Pa55";
  private static final String TOKEN = "eyJ-bearer-t0ken";
  private static final Schema NOTE =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Note","namespace":"test","fields":[
                {"name":"text","type":"string"}]}""");
  private static final String NOTE_JSON = NOTE.toString().replace("\"", "\\\"");

  private final FakeConfluentRegistry server = FakeConfluentRegistry.start();
  private final ObjectMapper json = new ObjectMapper();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    server.close();
  }

  @Test
  void shouldRegisterUnderTheSubjectWithTheConfluentContentType() throws IOException {
    server.answer("POST", "/subjects/cs.notes-value/versions", 200, "{\"id\":21}");
    var client = client(Map.of());

    int id = client.register("cs.notes-value", NOTE);

    assertThat(id).isEqualTo(21);
    var request = server.lastRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).isEqualTo(CONTENT_TYPE);
    assertThat(request.header("Accept")).startsWith(CONTENT_TYPE);
    JsonNode body = json.readTree(request.body());
    assertThat(body.path("schemaType").asText()).isEqualTo("AVRO");
    assertThat(new Schema.Parser().parse(body.path("schema").asText())).isEqualTo(NOTE);
  }

  @Test
  void shouldPercentEncodeTheSubjectAsOnePathSegment() {
    server.answer("POST", "/subjects/odd%20subject%2Fv%2B1/versions", 200, "{\"id\":3}");

    assertThat(client(Map.of()).register("odd subject/v+1", NOTE)).isEqualTo(3);
  }

  @Test
  void shouldLookUpAnIdWithoutRegistering() throws IOException {
    server.answer(
        "POST",
        "/subjects/cs.notes-value",
        200,
        "{\"subject\":\"cs.notes-value\",\"version\":2,\"id\":7,\"schema\":\"" + NOTE_JSON + "\"}");

    int id = client(Map.of()).lookupId("cs.notes-value", NOTE);

    assertThat(id).isEqualTo(7);
    assertThat(server.lastRequest().header("Content-Type")).isEqualTo(CONTENT_TYPE);
    assertThat(json.readTree(server.lastRequest().body()).path("schema").asText())
        .isEqualTo(NOTE.toString());
    assertThat(server.count("POST", "/subjects/cs.notes-value/versions")).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {40401, 40403})
  void shouldReportAMissingSubjectOrSchemaAsNotRegistered(int errorCode) {
    server.answer(
        "POST",
        "/subjects/cs.notes-value",
        404,
        "{\"error_code\":" + errorCode + ",\"message\":\"not found\"}");

    assertThatThrownBy(() -> client(Map.of()).lookupId("cs.notes-value", NOTE))
        .isInstanceOf(SchemaNotRegisteredException.class)
        .hasMessageContaining("cs.notes-value")
        .hasMessageContaining(RegistryConfig.AUTO_REGISTER);
  }

  @Test
  void shouldFetchASchemaById() {
    server.answer("GET", "/schemas/ids/7", 200, "{\"schema\":\"" + NOTE_JSON + "\"}");

    assertThat(client(Map.of()).schemaById(7)).isEqualTo(NOTE);
    assertThat(server.lastRequest().method()).isEqualTo("GET");
    assertThat(server.lastRequest().header("Content-Type")).isNull();
  }

  @Test
  void shouldRaiseUnknownSchemaIdWhenTheRegistryAnswers40403() {
    server.answer(
        "GET", "/schemas/ids/4242", 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");

    assertThatThrownBy(() -> client(Map.of()).schemaById(4242))
        .isInstanceOfSatisfying(
            UnknownSchemaIdException.class, e -> assertThat(e.schemaId()).isEqualTo(4242))
        .hasMessageContaining(server.url());
  }

  @Test
  void shouldRefuseASchemaThatIsNotAvro() {
    server.answer(
        "GET", "/schemas/ids/9", 200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = 1;\"}");

    assertThatThrownBy(() -> client(Map.of()).schemaById(9))
        .isExactlyInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("PROTOBUF");
  }

  @Test
  void shouldReturnTheLatestVersionOfASubject() {
    server.answer(
        "GET",
        "/subjects/cs.notes-value/versions/latest",
        200,
        "{\"subject\":\"cs.notes-value\",\"version\":3,\"id\":12,\"schema\":\""
            + NOTE_JSON
            + "\"}");

    assertThat(client(Map.of()).latest("cs.notes-value"))
        .contains(new SubjectVersion("cs.notes-value", 3, 12, NOTE));
  }

  @Test
  void shouldReturnNoLatestVersionForAnUnknownSubject() {
    server.answer(
        "GET",
        "/subjects/cs.none-value/versions/latest",
        404,
        "{\"error_code\":40401,\"message\":\"Subject not found\"}");

    assertThat(client(Map.of()).latest("cs.none-value")).isEmpty();
  }

  @Test
  void shouldCheckCompatibilityAgainstTheLatestVersion() throws IOException {
    server.answer(
        "POST",
        "/compatibility/subjects/cs.notes-value/versions/latest",
        200,
        "{\"is_compatible\":false}");

    boolean compatible = client(Map.of()).isCompatible("cs.notes-value", NOTE);

    assertThat(compatible).isFalse();
    assertThat(server.lastRequest().header("Content-Type")).isEqualTo(CONTENT_TYPE);
    assertThat(json.readTree(server.lastRequest().body()).path("schemaType").asText())
        .isEqualTo("AVRO");
  }

  @Test
  void shouldTreatAnyVersionAsCompatibleWithAnUnknownSubject() {
    server.answer(
        "POST",
        "/compatibility/subjects/cs.none-value/versions/latest",
        404,
        "{\"error_code\":40401,\"message\":\"Subject not found\"}");

    assertThat(client(Map.of()).isCompatible("cs.none-value", NOTE)).isTrue();
  }

  @Test
  void shouldRaiseIncompatibleSchemaWhenTheRegistryAnswers409() {
    server.answer(
        "POST",
        "/subjects/cs.notes-value/versions",
        409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");

    assertThatThrownBy(() -> client(Map.of()).register("cs.notes-value", NOTE))
        .isInstanceOfSatisfying(
            IncompatibleSchemaException.class,
            e -> assertThat(e.subject()).isEqualTo("cs.notes-value"))
        .hasMessageContaining("Schema being registered is incompatible");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503})
  void shouldReportServerErrorsAsUnavailable(int status) {
    server.answer("GET", "/schemas/ids/1", status, "{\"error_code\":50001,\"message\":\"boom\"}");

    assertThatThrownBy(() -> client(Map.of()).schemaById(1))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("HTTP " + status)
        .hasMessageContaining("boom");
  }

  @Test
  void shouldNotMistakeAWrongBasePathForAMissingSchema() {
    // Nothing scripted: the server answers 404 without a Confluent error code.
    assertThatThrownBy(() -> client(Map.of()).lookupId("cs.notes-value", NOTE))
        .isExactlyInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("/apis/ccompat/v7");
  }

  @Test
  void shouldRefuseASuccessfulAnswerWithoutAnId() {
    server.answer("POST", "/subjects/cs.notes-value/versions", 200, "<html>proxy login</html>");

    assertThatThrownBy(() -> client(Map.of()).register("cs.notes-value", NOTE))
        .isExactlyInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("no integer 'id'")
        .hasMessageContaining("proxy login");
  }

  @Test
  void shouldSendBasicCredentials() {
    server.answer("GET", "/schemas/ids/7", 200, "{\"schema\":\"" + NOTE_JSON + "\"}");

    client(Map.of(RegistryConfig.BASIC_AUTH_USER_INFO, "alice:" + PASSWORD)).schemaById(7);

    String expected =
        Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(server.lastRequest().header("Authorization")).isEqualTo("Basic " + expected);
  }

  @Test
  void shouldSendABearerToken() {
    server.answer("GET", "/schemas/ids/7", 200, "{\"schema\":\"" + NOTE_JSON + "\"}");

    client(Map.of(RegistryConfig.BEARER_TOKEN, TOKEN)).schemaById(7);

    assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void shouldSendNoAuthorizationWithoutCredentials() {
    server.answer("GET", "/schemas/ids/7", 200, "{\"schema\":\"" + NOTE_JSON + "\"}");

    client(Map.of()).schemaById(7);

    assertThat(server.lastRequest().header("Authorization")).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void shouldRaiseAccessDeniedWithoutRevealingTheSecret(int status) {
    server.answer(
        "GET", "/schemas/ids/7", status, "{\"error_code\":" + status + ",\"message\":\"denied\"}");
    var basic = client(Map.of(RegistryConfig.BASIC_AUTH_USER_INFO, "alice:" + PASSWORD));
    var bearer = client(Map.of(RegistryConfig.BEARER_TOKEN, TOKEN));

    for (var client : List.of(basic, bearer)) {
      assertThatThrownBy(() -> client.schemaById(7))
          .isInstanceOfSatisfying(
              RegistryAccessDeniedException.class, e -> assertThat(e.status()).isEqualTo(status))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD, TOKEN));
    }
  }

  @Test
  void shouldKeepSecretsOutOfToStringsMessagesAndLogs() {
    Logger logger = (Logger) LoggerFactory.getLogger(ConfluentRestRegistryClient.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    try {
      server.answer("GET", "/schemas/ids/7", 200, "{\"schema\":\"" + NOTE_JSON + "\"}");
      server.answer("GET", "/schemas/ids/8", 500, "{}");
      RegistryConfig basic =
          config(Map.of(RegistryConfig.BASIC_AUTH_USER_INFO, "alice:" + PASSWORD));
      RegistryConfig bearer = config(Map.of(RegistryConfig.BEARER_TOKEN, TOKEN));
      List<String> texts = new ArrayList<>();
      for (RegistryConfig config : List.of(basic, bearer)) {
        var client = SchemaRegistryClients.create(config);
        toClose.add(client);
        client.schemaById(7);
        assertThatThrownBy(() -> client.schemaById(8)).satisfies(e -> texts.add(e.getMessage()));
        texts.add(config.toString());
        texts.add(config.credentials().orElseThrow().toString());
        texts.add(client.toString());
      }
      logs.list.forEach(e -> texts.add(e.getFormattedMessage()));

      assertThat(logs.list).isNotEmpty();
      assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(PASSWORD, TOKEN));
    } finally {
      logger.detachAppender(logs);
      logger.setLevel(level);
    }
  }

  @Test
  void shouldReportARegistryThatDoesNotAnswerInTimeAsUnavailable() {
    server.hang("GET", "/schemas/ids/7");
    var client = client(Map.of(RegistryConfig.REQUEST_TIMEOUT_MS, "300"));

    assertThatThrownBy(() -> client.schemaById(7))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("no answer within 300 ms")
        .hasMessageContaining(RegistryConfig.REQUEST_TIMEOUT_MS);
  }

  @Test
  void shouldReportAConnectionThatIsNeverAcceptedAsUnavailable() throws IOException {
    try (var fullBacklog = new FullBacklog()) {
      var client =
          client(
              Map.of(
                  RegistryConfig.URL, fullBacklog.url(), RegistryConfig.CONNECT_TIMEOUT_MS, "300"));

      assertThatThrownBy(() -> client.schemaById(7))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("no connection within 300 ms")
          .hasMessageContaining(RegistryConfig.CONNECT_TIMEOUT_MS);
    }
  }

  @Test
  void shouldReportARefusedConnectionAsUnavailable() throws IOException {
    String closedPort = "http://127.0.0.1:" + freePort();

    assertThatThrownBy(() -> client(Map.of(RegistryConfig.URL, closedPort)).schemaById(7))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining(closedPort)
        .hasMessageContaining("connection refused");
  }

  @Test
  void shouldFailOverToTheNextUrlAndStayOnTheOneThatAnswers() throws IOException {
    server.answer("GET", "/schemas/ids/7", 200, "{\"schema\":\"" + NOTE_JSON + "\"}");
    String closedPort = "http://127.0.0.1:" + freePort();
    var client = client(Map.of(RegistryConfig.URL, closedPort + ", " + server.url() + "/"));

    assertThat(client.schemaById(7)).isEqualTo(NOTE);
    assertThat(client.schemaById(7)).isEqualTo(NOTE);
    assertThat(server.count("GET", "/schemas/ids/7")).isEqualTo(2);
  }

  private SchemaRegistryClient client(Map<String, String> overrides) {
    var client = new ConfluentRestRegistryClient(config(overrides));
    toClose.add(client);
    return client;
  }

  private RegistryConfig config(Map<String, String> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put(RegistryConfig.URL, server.url());
    props.put(RegistryConfig.REQUEST_TIMEOUT_MS, "5000");
    props.putAll(overrides);
    return RegistryConfig.fromProperties(props);
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * A listening socket that never accepts, its backlog filled: the kernel drops further SYNs, so a
   * client's connect hangs until its own connect timeout, as with a firewalled registry.
   */
  private static final class FullBacklog implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    FullBacklog() throws IOException {
      listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      for (int i = 0; i < 8; i++) {
        Socket filler = new Socket();
        fillers.add(filler);
        try {
          filler.connect(listener.getLocalSocketAddress(), 100);
        } catch (IOException e) {
          return; // the backlog is full: this connect was dropped
        }
      }
      throw new IllegalStateException("the kernel kept accepting connections into the backlog");
    }

    String url() {
      return "http://127.0.0.1:" + ((InetSocketAddress) listener.getLocalSocketAddress()).getPort();
    }

    @Override
    public void close() throws IOException {
      for (Socket filler : fillers) {
        filler.close();
      }
      listener.close();
    }
  }
}
