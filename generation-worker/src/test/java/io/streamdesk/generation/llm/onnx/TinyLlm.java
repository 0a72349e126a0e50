package io.streamdesk.generation.llm.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdesk.generation.llm.ChatMessage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The committed test model (built by src/test/model/build_model.sh) and its reference.json. */
final class TinyLlm {

  private TinyLlm() {}

  static Path dir() {
    try {
      return Path.of(TinyLlm.class.getResource("/tiny-llm/config.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode reference() {
    try {
      return new ObjectMapper().readTree(dir().resolve("reference.json").toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<ChatMessage> messages(JsonNode conversation) {
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonNode m : conversation.path("messages")) {
      ChatMessage.Role role = ChatMessage.Role.valueOf(m.path("role").asText().toUpperCase());
      messages.add(new ChatMessage(role, m.path("content").asText()));
    }
    return messages;
  }

  static long[] ids(JsonNode array) {
    long[] ids = new long[array.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = array.get(i).asLong();
    }
    return ids;
  }
}
