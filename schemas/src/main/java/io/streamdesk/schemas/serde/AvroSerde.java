package io.streamdesk.schemas.serde;

import io.streamdesk.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serdes;

/** An {@link AvroSerializer} and {@link AvroDeserializer} sharing one registry client. */
public final class AvroSerde<T> extends Serdes.WrapperSerde<T> {

  public AvroSerde(SchemaRegistryClient registry, Schema schema, boolean autoRegister) {
    super(
        new AvroSerializer<>(registry, schema, autoRegister, false),
        new AvroDeserializer<>(registry, schema));
  }
}
