package io.streamdesk.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.schemas.registry.InMemorySchemaRegistry;
import io.streamdesk.schemas.registry.IncompatibleSchemaException;
import io.streamdesk.schemas.registry.SchemaRegistryClient;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

  private static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Note","namespace":"test","fields":[
                {"name":"text","type":"string"}]}""");
  private static final Schema V2_WITH_OPTIONAL_FIELD =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Note","namespace":"test","fields":[
                {"name":"text","type":"string"},
                {"name":"lang","type":["null","string"],"default":null}]}""");
  private static final Schema V2_WITH_REQUIRED_FIELD =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Note","namespace":"test","fields":[
                {"name":"text","type":"string"},
                {"name":"lang","type":"string"}]}""");

  private final String scope = "evolution-" + UUID.randomUUID();
  private final SchemaRegistryClient registry = InMemorySchemaRegistry.forScope(scope);

  @AfterEach
  void dropScope() {
    InMemorySchemaRegistry.drop(scope);
  }

  @Test
  void shouldDecodeOldBytesWithTheNewReaderSchema() {
    GenericRecord old = new GenericData.Record(V1);
    old.put("text", "hello");
    byte[] oldBytes =
        new AvroSerializer<GenericRecord>(registry, V1, true, false).serialize("notes", old);

    registry.register("notes-value", V2_WITH_OPTIONAL_FIELD);
    GenericRecord read =
        new AvroDeserializer<GenericRecord>(registry, V2_WITH_OPTIONAL_FIELD)
            .deserialize("notes", oldBytes);

    assertThat(read.get("text")).hasToString("hello");
    assertThat(read.get("lang")).isNull();
  }

  @Test
  void shouldRefuseABackwardIncompatibleVersion() {
    registry.register("notes-value", V1);

    assertThatThrownBy(() -> registry.register("notes-value", V2_WITH_REQUIRED_FIELD))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("notes-value");
    assertThat(registry.isCompatible("notes-value", V2_WITH_OPTIONAL_FIELD)).isTrue();
  }

  @Test
  void shouldGiveIdenticalSchemasTheSameGlobalId() {
    int first = registry.register("a-value", V1);
    int second = registry.register("b-value", V1);

    assertThat(second).isEqualTo(first);
    assertThat(registry.latest("b-value")).get().extracting(v -> v.version()).isEqualTo(1);
  }
}
