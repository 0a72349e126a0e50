package io.streamdesk.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The caching decorator in front of the REST client, against a scripted registry. */
class CachingSchemaRegistryClientTest {

  private static final Schema NOTE =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Note","namespace":"test","fields":[
                {"name":"text","type":"string"}]}""");

  private final FakeConfluentRegistry server = FakeConfluentRegistry.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldFetchEachSchemaIdFromTheServerOnce() {
    serveIds(1, 2);
    try (var client = cachingClient(10)) {
      for (int round = 0; round < 3; round++) {
        assertThat(client.schemaById(1)).isEqualTo(NOTE);
        assertThat(client.schemaById(2)).isEqualTo(NOTE);
      }
    }

    assertThat(server.count("GET", "/schemas/ids/1")).isOne();
    assertThat(server.count("GET", "/schemas/ids/2")).isOne();
  }

  @Test
  void shouldEvictTheLeastRecentlyUsedSchemaBeyondCapacity() {
    serveIds(1, 2, 3);
    try (var client = cachingClient(2)) {
      client.schemaById(1);
      client.schemaById(2);
      client.schemaById(1); // 1 is now more recent than 2
      client.schemaById(3); // evicts 2

      client.schemaById(1);
      client.schemaById(2);
    }

    assertThat(server.count("GET", "/schemas/ids/1")).isOne();
    assertThat(server.count("GET", "/schemas/ids/2")).isEqualTo(2);
    assertThat(server.count("GET", "/schemas/ids/3")).isOne();
  }

  @Test
  void shouldRegisterEachSchemaOncePerSubject() {
    server.answer("POST", "/subjects/a-value/versions", 200, "{\"id\":5}");
    server.answer("POST", "/subjects/b-value/versions", 200, "{\"id\":5}");
    try (var client = cachingClient(10)) {
      assertThat(client.register("a-value", NOTE)).isEqualTo(5);
      assertThat(client.register("a-value", NOTE)).isEqualTo(5);
      assertThat(client.register("b-value", NOTE)).isEqualTo(5);
    }

    assertThat(server.count("POST", "/subjects/a-value/versions")).isOne();
    assertThat(server.count("POST", "/subjects/b-value/versions")).isOne();
  }

  @Test
  void shouldNotCacheFailuresNorTheLatestVersion() {
    try (var client = cachingClient(10)) {
      server.answer("GET", "/schemas/ids/9", 404, "{\"error_code\":40403,\"message\":\"nope\"}");
      assertThatThrownBy(() -> client.schemaById(9)).isInstanceOf(UnknownSchemaIdException.class);
      serveIds(9);
      assertThat(client.schemaById(9)).isEqualTo(NOTE);

      server.answer(
          "GET",
          "/subjects/a-value/versions/latest",
          200,
          "{\"version\":1,\"id\":9,\"schema\":" + quoted(NOTE) + "}");
      client.latest("a-value");
      client.latest("a-value");
    }

    assertThat(server.count("GET", "/schemas/ids/9")).isEqualTo(2);
    assertThat(server.count("GET", "/subjects/a-value/versions/latest")).isEqualTo(2);
  }

  @Test
  void shouldRefuseACapacityBelowOne() {
    var rest = new ConfluentRestRegistryClient(RegistryConfig.of(server.url()));

    assertThatThrownBy(() -> new CachingSchemaRegistryClient(rest, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 1");
  }

  private SchemaRegistryClient cachingClient(int capacity) {
    return SchemaRegistryClients.create(
        RegistryConfig.fromProperties(
            Map.of(
                RegistryConfig.URL,
                server.url(),
                RegistryConfig.CACHE_CAPACITY,
                Integer.toString(capacity))));
  }

  private void serveIds(int... ids) {
    for (int id : ids) {
      server.answer("GET", "/schemas/ids/" + id, 200, "{\"schema\":" + quoted(NOTE) + "}");
    }
  }

  private static String quoted(Schema schema) {
    return "\"" + schema.toString().replace("\"", "\\\"") + "\"";
  }
}
