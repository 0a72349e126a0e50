package io.streamdesk.schemas.serde;

import io.streamdesk.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes values in the Confluent wire format with one fixed writer schema, registered (or, with
 * auto-registration off, looked up) under {@code <topic>-value} or {@code <topic>-key} on first use
 * per topic. Thread-safe.
 */
public final class AvroSerializer<T> implements Serializer<T> {

  private final SchemaRegistryClient registry;
  private final Schema schema;
  private final boolean autoRegister;
  private final boolean isKey;
  private final DatumWriter<Object> writer;
  private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

  public AvroSerializer(
      SchemaRegistryClient registry, Schema schema, boolean autoRegister, boolean isKey) {
    this.registry = registry;
    this.schema = schema;
    this.autoRegister = autoRegister;
    this.isKey = isKey;
    SpecificData model = AvroModels.specificWithConversions();
    this.writer = new SpecificDatumWriter<>(schema, model);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null; // tombstone
    }
    int id = schemaIdFor(topic);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(WireFormat.MAGIC_BYTE);
    out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
      encoders.set(encoder);
      writer.write(data, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot write " + data.getClass().getSimpleName() + " to '" + topic + "': " + e, e);
    }
    return out.toByteArray();
  }

  private int schemaIdFor(String topic) {
    Integer cached = idsByTopic.get(topic);
    if (cached != null) {
      return cached;
    }
    // Not computeIfAbsent: the registry call may block on the network while holding a map lock.
    String subject = topic + (isKey ? "-key" : "-value");
    int id = autoRegister ? registry.register(subject, schema) : registry.lookupId(subject, schema);
    idsByTopic.putIfAbsent(topic, id);
    return id;
  }
}
