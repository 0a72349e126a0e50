package io.streamdesk.schemas.serde;

import io.streamdesk.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format: checks the magic byte, fetches the writer schema by id, and
 * resolves it to this deserializer's reader schema (Avro schema evolution: fields added with
 * defaults, removed fields ignored). Thread-safe.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

  private final SchemaRegistryClient registry;
  private final Schema readerSchema;
  private final SpecificData model = AvroModels.specificWithConversions();
  private final Map<Integer, DatumReader<Object>> readersByWriterId = new ConcurrentHashMap<>();

  public AvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
    this.registry = registry;
    this.readerSchema = readerSchema;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null; // tombstone
    }
    if (data.length < WireFormat.HEADER_SIZE || data[0] != WireFormat.MAGIC_BYTE) {
      throw new UnknownMagicByteException(
          topic, data.length == 0 ? -1 : Byte.toUnsignedInt(data[0]), data.length);
    }
    int writerId = ByteBuffer.wrap(data, 1, 4).getInt();
    DatumReader<Object> reader = readerFor(writerId);
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
      return (T) reader.read(null, decoder);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new SerializationException(
          "cannot read Avro record (schema id " + writerId + ") from '" + topic + "': " + e, e);
    }
  }

  private DatumReader<Object> readerFor(int writerId) {
    DatumReader<Object> reader = readersByWriterId.get(writerId);
    if (reader == null) {
      // Not computeIfAbsent: the registry call may block on the network, which must not hold a
      // map lock; two threads missing at once just fetch the (cached) schema twice.
      Schema writerSchema = registry.schemaById(writerId);
      reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
      readersByWriterId.putIfAbsent(writerId, reader);
    }
    return reader;
  }
}
