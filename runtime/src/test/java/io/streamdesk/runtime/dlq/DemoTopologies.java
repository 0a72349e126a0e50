package io.streamdesk.runtime.dlq;

import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ProcessingFailed;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A one-step topology for the dead-letter tests: cs.messages.inbound to cs.messages.classified. A
 * blank text is a business failure (Outcome.Dlq), the text "boom" makes the step throw, and the
 * text "unwritable" produces an output its serializer refuses.
 */
public final class DemoTopologies {

  public static final String STAGE = "demo-stream";

  private DemoTopologies() {}

  public static Topology classifier(Topics topics, TopicSerdes serdes) {
    Topic<String, CustomerMessageReceived> inbound = topics.messagesInbound();
    Topic<String, MessageClassified> classified = topics.messagesClassified();
    Topic<String, ProcessingFailed> dlq = topics.dlq();
    StreamsBuilder builder = new StreamsBuilder();

    KStream<String, Outcome<MessageClassified>> outcomes =
        builder.stream(
                inbound.name(),
                Consumed.with(serdes.keySerde(inbound), serdes.valueSerde(inbound))
                    .withName("read-inbound"))
            .mapValues(DemoTopologies::classify, Named.as("classify"));
    Map<String, KStream<String, Outcome<MessageClassified>>> branches =
        outcomes
            .split(Named.as("outcome-"))
            .branch((k, o) -> o.isOk(), Branched.as("ok"))
            .branch((k, o) -> o.isDlq(), Branched.as("dlq"))
            .noDefaultBranch();
    branches
        .get("outcome-ok")
        .mapValues(Outcome::value, Named.as("unwrap"))
        .to(
            classified.name(),
            Produced.with(serdes.keySerde(classified), refusing(serdes.valueSerde(classified)))
                .withName("write-classified"));
    branches
        .get("outcome-dlq")
        .processValues(DeadLetterProcessor.supplier(STAGE), Named.as("to-dead-letter"))
        .to(
            dlq.name(),
            Produced.with(serdes.keySerde(dlq), serdes.valueSerde(dlq)).withName("write-dlq"));
    return builder.build();
  }

  static Outcome<MessageClassified> classify(CustomerMessageReceived message) {
    if (message.getText().isBlank()) {
      return Outcome.dlq("EMPTY_TEXT", "the message has no text", message);
    }
    if (message.getText().equals("boom")) {
      throw new IllegalStateException("classifier exploded");
    }
    return Outcome.ok(
        MessageClassified.newBuilder()
            .setMessageId(message.getMessageId())
            .setConversationId(message.getConversationId())
            .setChannel(message.getChannel())
            .setReceivedAt(message.getReceivedAt())
            .setMaskedText(message.getText())
            .setLanguage("en")
            .setIntent("greeting")
            .setConfidence(1.0)
            .build());
  }

  /** The real serde, except that it refuses the text "unwritable" like a registry would. */
  private static Serde<MessageClassified> refusing(Serde<MessageClassified> real) {
    Serializer<MessageClassified> serializer =
        (topic, value) -> {
          if (value != null && value.getMaskedText().equals("unwritable")) {
            throw new SerializationException("schema refused for " + topic);
          }
          return real.serializer().serialize(topic, value);
        };
    return Serdes.serdeFrom(serializer, real.deserializer());
  }
}
