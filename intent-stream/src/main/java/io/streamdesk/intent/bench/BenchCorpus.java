package io.streamdesk.intent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdesk.schemas.events.CustomerMessageReceived;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The messages a benchmark run sends: customer utterances (by default the held-out default intent
 * sets, Chinese and English alternating) cycled to the requested count and spread over a fixed
 * number of conversations, so the handoff memory sees multi-turn traffic.
 */
final class BenchCorpus {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchCorpus() {}

  /**
   * One utterance.
   *
   * @param text the customer's text
   * @param locale the channel's locale hint, or null
   */
  record Utterance(String text, String locale) {}

  /** The bundled zh and en held-out intent sets, alternating. */
  static List<Utterance> defaults() {
    List<Utterance> zh = readResource("intents/zh/test.jsonl", "zh-CN");
    List<Utterance> en = readResource("intents/en/test.jsonl", "en-US");
    List<Utterance> mixed = new ArrayList<>(zh.size() + en.size());
    for (int i = 0; i < Math.max(zh.size(), en.size()); i++) {
      if (i < zh.size()) {
        mixed.add(zh.get(i));
      }
      if (i < en.size()) {
        mixed.add(en.get(i));
      }
    }
    return mixed;
  }

  /** A JSONL file of {@code {"text": ..., "locale": ...}} (locale optional). */
  static List<Utterance> read(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, null);
    }
  }

  /**
   * {@code count} messages cycling through {@code utterances}, over {@code conversations}
   * conversations, received one millisecond apart from {@code start}.
   */
  static List<CustomerMessageReceived> messages(
      List<Utterance> utterances, int count, int conversations, Instant start) {
    if (utterances.isEmpty()) {
      throw new IllegalArgumentException("the corpus has no messages");
    }
    List<CustomerMessageReceived> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Utterance u = utterances.get(i % utterances.size());
      out.add(
          CustomerMessageReceived.newBuilder()
              .setMessageId("bench-m-" + i)
              .setConversationId("bench-c-" + (i % conversations))
              .setChannel("bench")
              .setText(u.text())
              .setLocale(u.locale())
              .setReceivedAt(start.plusMillis(i))
              .setMetadata(Map.of())
              .build());
    }
    return out;
  }

  private static List<Utterance> readResource(String resource, String locale) {
    InputStream in = BenchCorpus.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("resource " + resource + " is missing from the classpath");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(reader, locale);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Utterance> parse(BufferedReader reader, String defaultLocale)
      throws IOException {
    List<Utterance> out = new ArrayList<>();
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        throw new IOException("line " + number + " is not JSON: " + e.getMessage(), e);
      }
      JsonNode text = node.get("text");
      if (text == null || !text.isTextual()) {
        throw new IOException("line " + number + " has no \"text\" string");
      }
      JsonNode locale = node.get("locale");
      out.add(
          new Utterance(
              text.asText(), locale == null || locale.isNull() ? defaultLocale : locale.asText()));
    }
    return out;
  }
}
