package io.streamdesk.kb.consumer;

import io.streamdesk.runtime.config.ConfigDefinition;
import io.streamdesk.runtime.config.ConfigKey;
import io.streamdesk.runtime.config.ConfigValidator;
import io.streamdesk.runtime.config.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@code cs.kb.documents} consumer.
 *
 * @param groupId consumer group; default {@code streamdesk-kb-indexer}
 * @param pollTimeout longest wait for records in one poll; default 500 ms
 * @param fileRoots folders a {@code file:} URI may point into (symbolic links resolved); empty, the
 *     default, refuses {@code file:} URIs, since a producer could otherwise make the indexer read
 *     any file it can
 * @param httpTimeout connect and read limit for {@code http(s):} URIs; default 30 s
 * @param maxDocumentBytes larger documents become FAILED events; default 32 MiB
 */
public record KbConsumerConfig(
    String groupId,
    Duration pollTimeout,
    List<Path> fileRoots,
    Duration httpTimeout,
    long maxDocumentBytes) {

  public static final ConfigKey<String> GROUP_ID =
      ConfigKey.string("kb.consumer.group.id")
          .withDefault("streamdesk-kb-indexer")
          .withDoc("Consumer group of the cs.kb.documents consumer.")
          .withValidator(ConfigValidator.nonBlank());

  public static final ConfigKey<Duration> POLL_TIMEOUT =
      ConfigKey.duration("kb.consumer.poll.timeout")
          .withDefault(Duration.ofMillis(500))
          .withDoc("Longest wait for records in one poll.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<List<String>> FILE_ROOTS =
      ConfigKey.list("kb.consumer.file.roots")
          .withDefault(List.of())
          .withDoc(
              "Folders that file: URIs of submitted documents may point into (comma-separated);"
                  + " empty refuses file: URIs.");

  public static final ConfigKey<Duration> HTTP_TIMEOUT =
      ConfigKey.duration("kb.consumer.http.timeout")
          .withDefault(Duration.ofSeconds(30))
          .withDoc("Connect and read timeout for http(s): URIs of submitted documents.")
          .withValidator(ConfigValidator.positiveDuration());

  public static final ConfigKey<Long> MAX_DOCUMENT_BYTES =
      ConfigKey.longKey("kb.consumer.max.document.bytes")
          .withDefault(32L * 1024 * 1024)
          .withDoc("Largest submitted document; larger ones are reported FAILED.")
          .withValidator(ConfigValidator.atLeast(1L));

  public static final ConfigDefinition DEFINITION =
      ConfigDefinition.of(
          "kb-consumer", GROUP_ID, POLL_TIMEOUT, FILE_ROOTS, HTTP_TIMEOUT, MAX_DOCUMENT_BYTES);

  public KbConsumerConfig {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    Objects.requireNonNull(httpTimeout, "httpTimeout");
    fileRoots = List.copyOf(fileRoots);
    if (maxDocumentBytes < 1) {
      throw new IllegalArgumentException("maxDocumentBytes must be >= 1, was " + maxDocumentBytes);
    }
  }

  public static KbConsumerConfig defaults() {
    return new KbConsumerConfig(
        GROUP_ID.defaultValue(),
        POLL_TIMEOUT.defaultValue(),
        List.of(),
        HTTP_TIMEOUT.defaultValue(),
        MAX_DOCUMENT_BYTES.defaultValue());
  }

  public static KbConsumerConfig from(ConfigValues values) {
    return new KbConsumerConfig(
        values.get(GROUP_ID),
        values.get(POLL_TIMEOUT),
        values.get(FILE_ROOTS).stream().map(Path::of).toList(),
        values.get(HTTP_TIMEOUT),
        values.get(MAX_DOCUMENT_BYTES));
  }

  public KbConsumerConfig withFileRoots(List<Path> roots) {
    return new KbConsumerConfig(groupId, pollTimeout, roots, httpTimeout, maxDocumentBytes);
  }

  public KbConsumerConfig withGroupId(String group) {
    return new KbConsumerConfig(group, pollTimeout, fileRoots, httpTimeout, maxDocumentBytes);
  }
}
