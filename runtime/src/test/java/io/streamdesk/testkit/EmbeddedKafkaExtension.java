package io.streamdesk.testkit;

import io.streamdesk.runtime.kafka.EmbeddedKafkaBroker;
import io.streamdesk.schemas.topics.TopicSettings;
import io.streamdesk.schemas.topics.Topics;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one embedded KRaft broker (free port, temporary data directory) holding the
 * catalogue's topics, started before the first test and stopped after the last. Register it as a
 * static field and use {@link #broker()}, {@link #bootstrapServers()} and {@link #topics()}, or
 * take an {@link EmbeddedKafkaBroker} / {@link Topics} parameter in a test method:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withTopics(TopicSettings.defaults());
 * }</pre>
 */
public final class EmbeddedKafkaExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private final Topics topics;
  private EmbeddedKafkaBroker broker;

  private EmbeddedKafkaExtension(Topics topics) {
    this.topics = topics;
  }

  /** A broker holding the production catalogue (no prefix), one partition per topic. */
  public static EmbeddedKafkaExtension withCatalogue() {
    return withTopics(new TopicSettings("", 1, (short) 1));
  }

  /** A broker holding the catalogue of the given settings. */
  public static EmbeddedKafkaExtension withTopics(TopicSettings settings) {
    return new EmbeddedKafkaExtension(Topics.of(Objects.requireNonNull(settings, "settings")));
  }

  /** A broker with no topics created. */
  public static EmbeddedKafkaExtension empty() {
    return new EmbeddedKafkaExtension(null);
  }

  /** The running broker. */
  public EmbeddedKafkaBroker broker() {
    if (broker == null) {
      throw new IllegalStateException("the embedded broker starts in @BeforeAll; not running yet");
    }
    return broker;
  }

  /** {@code bootstrap.servers} of the running broker. */
  public String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /** The catalogue whose topics the broker holds. */
  public Topics topics() {
    if (topics == null) {
      throw new IllegalStateException("this extension was created without a catalogue");
    }
    return topics;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder();
    if (topics != null) {
      builder.topics(topics);
    }
    broker = builder.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == EmbeddedKafkaBroker.class || (type == Topics.class && topics != null);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Topics.class ? topics : broker();
  }
}
