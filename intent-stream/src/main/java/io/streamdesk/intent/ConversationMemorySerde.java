package io.streamdesk.intent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde of {@link ConversationMemory}, the value of the intent stream's own state store and
 * its changelog. Internal state, not a message type, so it is not in the schema registry; JSON
 * keeps the changelog readable, and unknown fields are ignored so a newer version's entries still
 * restore.
 */
public final class ConversationMemorySerde implements Serde<ConversationMemory> {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  @Override
  public Serializer<ConversationMemory> serializer() {
    return (topic, memory) -> {
      if (memory == null) {
        return null;
      }
      try {
        return JSON.writeValueAsBytes(memory);
      } catch (IOException e) {
        throw new SerializationException("cannot write conversation memory for " + topic, e);
      }
    };
  }

  @Override
  public Deserializer<ConversationMemory> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return JSON.readValue(bytes, ConversationMemory.class);
      } catch (IOException e) {
        throw new SerializationException("cannot read conversation memory from " + topic, e);
      }
    };
  }
}
