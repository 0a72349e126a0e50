package io.streamdesk.retrieval.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde for the values of the retrieval stream's own state stores (follow-up context, cached
 * answers, pending cache fills). Internal state, not message types, so not in the schema registry;
 * JSON keeps the changelogs readable, and unknown fields are ignored so that entries written by a
 * newer version still restore.
 */
public final class JsonSerde<T> implements Serde<T> {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return JSON.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new SerializationException(
            "cannot write " + type.getSimpleName() + " for " + topic, e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return JSON.readValue(bytes, type);
      } catch (IOException e) {
        throw new SerializationException(
            "cannot read " + type.getSimpleName() + " from " + topic, e);
      }
    };
  }
}
