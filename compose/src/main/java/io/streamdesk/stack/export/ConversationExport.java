package io.streamdesk.stack.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.schemas.events.Citation;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.Passage;
import io.streamdesk.schemas.events.ReplyGenerated;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.Topics;
import io.streamdesk.stack.access.ClusterAccess;
import io.streamdesk.stack.access.TopicRangeReader;
import io.streamdesk.stack.export.FineTuningConversation.Exchange;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Exports the conversations of a time range as fine-tuning JSONL ({@link FineTuningConversation}),
 * PII masked by construction: customer turns come from {@code cs.messages.classified} (the masked
 * text; the raw {@code cs.messages.inbound} is never read), assistant turns from {@code cs.replies}
 * (guarded replies, matched by {@code inReplyTo}), and the knowledge-base category of cited
 * passages from {@code cs.generation.requests} (7 days' retention: older answers fall back to the
 * default domain). Customer messages classified in {@code [from, to)} are exported; their replies
 * and requests are read from {@code from} to the current end.
 */
public final class ConversationExport {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to export.
   *
   * @param from start of the range (classified message time)
   * @param to end of the range, exclusive
   * @param conversation only this conversation, if set
   */
  public record Request(Instant from, Instant to, Optional<String> conversation) {
    public Request {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(conversation, "conversation");
      if (!to.isAfter(from)) {
        throw new IllegalArgumentException("--to (" + to + ") must be after --from (" + from + ")");
      }
    }
  }

  /**
   * What an export wrote.
   *
   * @param conversations lines written
   * @param customerMessages customer messages read in the range
   * @param answered of those, the ones with a reply
   * @param skippedConversations conversations without any answered message
   * @param unreadable records that could not be decoded (skipped)
   */
  public record Summary(
      long conversations,
      long customerMessages,
      long answered,
      long skippedConversations,
      long unreadable) {}

  private record Message(MessageClassified value, int partition, long offset) {}

  private ConversationExport() {}

  /** Writes one JSON line per conversation to {@code out}, oldest conversation first. */
  public static Summary run(ClusterAccess access, Request request, Writer out) throws IOException {
    Topics topics = access.topics();
    TopicRangeReader reader = new TopicRangeReader(access.clientProperties());
    long[] unreadable = {0};

    Map<String, List<Message>> byConversation = new LinkedHashMap<>();
    Map<String, String> conversationOf = new HashMap<>();
    read(
        reader,
        access,
        topics.messagesClassified(),
        request.from(),
        request.to(),
        unreadable,
        (m, record) -> {
          if (request.conversation().map(c -> c.equals(m.getConversationId())).orElse(true)) {
            byConversation
                .computeIfAbsent(m.getConversationId(), c -> new ArrayList<>())
                .add(new Message(m, record.partition(), record.offset()));
            conversationOf.put(m.getMessageId(), m.getConversationId());
          }
        });

    Map<String, ReplyGenerated> replies = new HashMap<>();
    read(
        reader,
        access,
        topics.replies(),
        request.from(),
        null,
        unreadable,
        (r, record) -> {
          if (conversationOf.containsKey(r.getInReplyTo())) {
            replies.putIfAbsent(r.getInReplyTo(), r);
          }
        });

    Map<String, Map<String, String>> categoriesByMessage = new HashMap<>();
    read(
        reader,
        access,
        topics.generationRequests(),
        request.from(),
        null,
        unreadable,
        (g, record) -> {
          if (conversationOf.containsKey(g.getMessageId())) {
            Map<String, String> categories =
                categoriesByMessage.computeIfAbsent(g.getMessageId(), id -> new HashMap<>());
            for (Passage p : g.getPassages()) {
              if (p.getCategory() != null) {
                categories.put(p.getId(), p.getCategory());
              }
            }
          }
        });

    long written = 0;
    long skipped = 0;
    long messages = 0;
    long answered = 0;
    List<List<Message>> ordered = new ArrayList<>(byConversation.values());
    ordered.forEach(ConversationExport::sortTurns);
    ordered.sort(Comparator.comparing(turns -> turns.getFirst().value().getReceivedAt()));
    for (List<Message> turns : ordered) {
      List<Exchange> exchanges = new ArrayList<>();
      for (Message m : turns) {
        messages++;
        String id = m.value().getMessageId();
        Optional<ReplyGenerated> reply = Optional.ofNullable(replies.get(id));
        if (reply.isPresent()) {
          answered++;
        }
        Map<String, String> categories = categoriesByMessage.getOrDefault(id, Map.of());
        List<String> cited =
            reply
                .map(r -> r.getCitations().stream().map(Citation::getPassageId).toList())
                .orElse(List.of())
                .stream()
                .map(categories::get)
                .filter(Objects::nonNull)
                .toList();
        exchanges.add(
            new Exchange(
                m.value().getMaskedText(),
                m.value().getIntent(),
                reply.map(ReplyGenerated::getText),
                cited));
      }
      Optional<FineTuningConversation> conversation = FineTuningConversation.of(exchanges);
      if (conversation.isEmpty()) {
        skipped++;
        continue;
      }
      out.write(line(conversation.get()));
      out.write('\n');
      written++;
    }
    out.flush();
    return new Summary(written, messages, answered, skipped, unreadable[0]);
  }

  private static void sortTurns(List<Message> turns) {
    turns.sort(
        Comparator.<Message, Instant>comparing(m -> m.value().getReceivedAt())
            .thenComparingInt(Message::partition)
            .thenComparingLong(Message::offset));
  }

  static String line(FineTuningConversation c) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode turns = node.putArray("conversations");
    for (FineTuningConversation.Turn t : c.turns()) {
      turns.addObject().put("role", t.role()).put("content", t.content());
    }
    node.put("intent", c.intent());
    node.put("domain", c.domain());
    return JSON.writeValueAsString(node);
  }

  private interface RecordSink<V> {
    void accept(V value, org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record);
  }

  private static <V> void read(
      TopicRangeReader reader,
      ClusterAccess access,
      Topic<String, V> topic,
      Instant from,
      Instant to,
      long[] unreadable,
      RecordSink<V> sink) {
    Deserializer<V> deserializer = access.serdes().valueSerde(topic).deserializer();
    Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> each =
        record -> {
          V value;
          try {
            value = deserializer.deserialize(topic.name(), record.headers(), record.value());
          } catch (RuntimeException e) {
            unreadable[0]++;
            return;
          }
          if (value != null) {
            sink.accept(value, record);
          }
        };
    reader.read(topic.name(), from, to, each);
  }
}
