package io.streamdesk.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.registry.ApicurioRegistryProcess;
import io.streamdesk.schemas.registry.IncompatibleSchemaException;
import io.streamdesk.schemas.registry.RegistryAccessDeniedException;
import io.streamdesk.schemas.registry.RegistryConfig;
import io.streamdesk.schemas.registry.RegistryCredentials;
import io.streamdesk.schemas.registry.SchemaNotRegisteredException;
import io.streamdesk.schemas.registry.SchemaRegistryClient;
import io.streamdesk.schemas.registry.SchemaRegistryClients;
import io.streamdesk.schemas.registry.SubjectVersion;
import io.streamdesk.schemas.registry.UnknownSchemaIdException;
import io.streamdesk.schemas.topics.Topic;
import io.streamdesk.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serdes and the REST registry client against a real Apicurio Registry 3 (its Confluent API),
 * one process for the whole class, with basic auth on and the global compatibility level BACKWARD
 * (Confluent's default). Every test but the catalogue round trip uses subjects of its own.
 */
class ApicurioRegistryIT {

  private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistryIT.class);
  private static final String USER = "streamdesk-it";
  private static final String PASSWORD = "pw-" + UUID.randomUUID();

  private static final Schema V1 =
      parse(
          """
          {"type":"record","name":"Note","namespace":"it","fields":[
            {"name":"text","type":"string"}]}""");
  private static final Schema V2_WITH_OPTIONAL_FIELD =
      parse(
          """
          {"type":"record","name":"Note","namespace":"it","fields":[
            {"name":"text","type":"string"},
            {"name":"lang","type":["null","string"],"default":null}]}""");
  private static final Schema V2_WITH_REQUIRED_FIELD =
      parse(
          """
          {"type":"record","name":"Note","namespace":"it","fields":[
            {"name":"text","type":"string"},
            {"name":"lang","type":"string"}]}""");

  private static ApicurioRegistryProcess registry;

  private final String topic = "it." + UUID.randomUUID().toString().substring(0, 8) + ".notes";
  private final String subject = topic + "-value";
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void startRegistry() {
    registry =
        ApicurioRegistryProcess.start(
            ApicurioRegistryProcess.Options.defaults().withUser(USER, PASSWORD));
    LOG.info(
        "Apicurio Registry ready at {} in {} ms (log {})",
        registry.ccompatUrl(),
        registry.startupTime().toMillis(),
        registry.logFile());
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  @Test
  void shouldRoundTripEveryEventBetweenTwoSerdesWithSeparateCaches() {
    Topics topics = Topics.defaults();
    AvroTopicSerdes producerSide = serdes(registry.registryConfig());
    AvroTopicSerdes consumerSide = serdes(registry.registryConfig());
    Set<String> eventTypes = new HashSet<>();

    for (SpecificRecord event : SampleEvents.all()) {
      Topic<String, Object> carrier = SampleEvents.topicCarrying(topics, event);

      byte[] bytes = producerSide.valueSerde(carrier).serializer().serialize(carrier.name(), event);
      Object back =
          consumerSide.valueSerde(carrier).deserializer().deserialize(carrier.name(), bytes);

      String type = event.getSchema().getName();
      assertThat(back).as(type).isEqualTo(event);
      assertThat(bytes[0]).as(type).isZero();
      assertThat(consumerSide.registry().latest(carrier.valueSubject()))
          .as(type)
          .get()
          .extracting(SubjectVersion::id)
          .isEqualTo(ByteBuffer.wrap(bytes, 1, 4).getInt());
      eventTypes.add(type);
    }

    assertThat(eventTypes).hasSize(12);
  }

  @Test
  void shouldRefuseAnIncompatibleChangeWithTheTypedError() {
    SchemaRegistryClient client = client(registry.registryConfig());
    client.register(subject, V1);

    assertThat(client.isCompatible(subject, V2_WITH_REQUIRED_FIELD)).isFalse();
    assertThatThrownBy(() -> client.register(subject, V2_WITH_REQUIRED_FIELD))
        .isInstanceOfSatisfying(
            IncompatibleSchemaException.class, e -> assertThat(e.subject()).isEqualTo(subject))
        .hasMessageContaining("lang");
    assertThatThrownBy(
            () ->
                new AvroSerializer<GenericRecord>(client, V2_WITH_REQUIRED_FIELD, true, false)
                    .serialize(topic, note(V2_WITH_REQUIRED_FIELD, "hi", "en")))
        .isInstanceOf(IncompatibleSchemaException.class);
    assertThat(client.latest(subject)).get().extracting(SubjectVersion::version).isEqualTo(1);
  }

  @Test
  void shouldAcceptABackwardCompatibleChangeAndStillDecodeOldBytes() {
    SchemaRegistryClient writers = client(registry.registryConfig());
    SchemaRegistryClient readers = client(registry.registryConfig());
    byte[] oldBytes =
        new AvroSerializer<GenericRecord>(writers, V1, true, false)
            .serialize(topic, note(V1, "你好", null));

    assertThat(readers.isCompatible(subject, V2_WITH_OPTIONAL_FIELD)).isTrue();
    byte[] newBytes =
        new AvroSerializer<GenericRecord>(writers, V2_WITH_OPTIONAL_FIELD, true, false)
            .serialize(topic, note(V2_WITH_OPTIONAL_FIELD, "hello", "en"));

    Optional<SubjectVersion> latest = readers.latest(subject);
    assertThat(latest).get().extracting(SubjectVersion::version).isEqualTo(2);
    assertThat(latest.orElseThrow().schema()).isEqualTo(V2_WITH_OPTIONAL_FIELD);
    assertThat(latest.orElseThrow().id()).isEqualTo(ByteBuffer.wrap(newBytes, 1, 4).getInt());
    var newReader = new AvroDeserializer<GenericRecord>(readers, V2_WITH_OPTIONAL_FIELD);
    GenericRecord old = newReader.deserialize(topic, oldBytes);
    assertThat(old.get("text")).hasToString("你好");
    assertThat(old.get("lang")).isNull();
    assertThat(newReader.deserialize(topic, newBytes).get("lang")).hasToString("en");
  }

  @Test
  void shouldLookUpIdsWithoutRegisteringWhenAutoRegistrationIsOff() {
    SchemaRegistryClient admin = client(registry.registryConfig());
    int registered = admin.register(subject, V1);
    RegistryConfig lookupOnly = withAutoRegister(registry.registryConfig(), false);
    AvroTopicSerdes serdes = serdes(lookupOnly);
    SchemaRegistryClient client = serdes.registry();

    byte[] bytes =
        new AvroSerializer<GenericRecord>(client, V1, lookupOnly.autoRegister(), false)
            .serialize(topic, note(V1, "hi", null));

    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered);
    assertThat(client.lookupId(subject, V1)).isEqualTo(registered);
    assertThatThrownBy(() -> client.lookupId(subject, V2_WITH_OPTIONAL_FIELD))
        .isInstanceOf(SchemaNotRegisteredException.class);
    assertThatThrownBy(() -> client.lookupId("it.never-" + subject, V1))
        .isInstanceOf(SchemaNotRegisteredException.class);
    assertThatThrownBy(
            () ->
                serdes
                    .valueSerde(Topics.defaults().messagesInbound())
                    .serializer()
                    .serialize(
                        "it.unregistered." + topic,
                        (CustomerMessageReceived) SampleEvents.all().getFirst()))
        .isInstanceOf(SchemaNotRegisteredException.class);
    assertThat(admin.latest(subject)).get().extracting(SubjectVersion::version).isEqualTo(1);
  }

  @Test
  void shouldAnswerLatestAndCompatibilityForAnUnknownSubject() {
    SchemaRegistryClient client = client(registry.registryConfig());

    assertThat(client.latest(subject)).isEmpty();
    assertThat(client.isCompatible(subject, V1)).isTrue();
  }

  @Test
  void shouldGiveOneSchemaTheSameIdUnderEverySubject() {
    SchemaRegistryClient client = client(registry.registryConfig());

    int first = client.register(subject, V2_WITH_OPTIONAL_FIELD);
    int second = client.register("other." + subject, V2_WITH_OPTIONAL_FIELD);

    assertThat(second).isEqualTo(first);
    assertThat(client.schemaById(first)).isEqualTo(V2_WITH_OPTIONAL_FIELD);
  }

  @Test
  void shouldRaiseUnknownSchemaIdForAnIdTheRegistryNeverGave() {
    var deserializer = new AvroDeserializer<GenericRecord>(client(registry.registryConfig()), V1);
    byte[] bytes = ByteBuffer.allocate(6).put((byte) 0).putInt(987_654_321).put((byte) 0).array();

    assertThatThrownBy(() -> deserializer.deserialize(topic, bytes))
        .isInstanceOfSatisfying(
            UnknownSchemaIdException.class, e -> assertThat(e.schemaId()).isEqualTo(987_654_321));
  }

  @Test
  void shouldRefuseWrongCredentialsWithTheTypedError() {
    RegistryConfig right = registry.registryConfig();
    RegistryConfig wrong =
        new RegistryConfig(
            right.url(),
            true,
            Optional.of(new RegistryCredentials.Basic(USER, "not-" + PASSWORD)),
            right.connectTimeout(),
            right.requestTimeout(),
            right.cacheCapacity());

    assertThatThrownBy(() -> client(wrong).latest(subject))
        .isInstanceOfSatisfying(
            RegistryAccessDeniedException.class, e -> assertThat(e.status()).isEqualTo(401))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
  }

  private SchemaRegistryClient client(RegistryConfig config) {
    SchemaRegistryClient client = SchemaRegistryClients.create(config);
    toClose.add(client);
    return client;
  }

  private AvroTopicSerdes serdes(RegistryConfig config) {
    AvroTopicSerdes serdes = AvroTopicSerdes.create(config);
    toClose.add(serdes);
    return serdes;
  }

  private static RegistryConfig withAutoRegister(RegistryConfig config, boolean autoRegister) {
    return new RegistryConfig(
        config.url(),
        autoRegister,
        config.credentials(),
        config.connectTimeout(),
        config.requestTimeout(),
        config.cacheCapacity());
  }

  private static GenericRecord note(Schema schema, String text, String lang) {
    GenericRecord note = new GenericData.Record(schema);
    note.put("text", text);
    if (schema.getField("lang") != null) {
      note.put("lang", lang);
    }
    return note;
  }

  private static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}
