package io.streamdesk.testkit;

import io.streamdesk.schemas.events.FailureKind;
import io.streamdesk.schemas.events.ProcessingFailed;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestOutputTopic;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what reached the dead-letter topic:
 *
 * <pre>{@code
 * DlqAssert.assertThat(harness.dlq()).isEmpty();
 * DlqAssert.assertThat(harness.dlq()).hasFailure("intent-stream", FailureKind.DESERIALIZATION);
 * }</pre>
 *
 * Reading a {@link TestOutputTopic} consumes it: take the assertion once per check.
 */
public final class DlqAssert extends AbstractAssert<DlqAssert, List<ProcessingFailed>> {

  private DlqAssert(List<ProcessingFailed> actual) {
    super(actual, DlqAssert.class);
  }

  /** Reads every dead letter now in the topic. */
  public static DlqAssert assertThat(TestOutputTopic<String, ProcessingFailed> dlq) {
    return new DlqAssert(dlq.readValuesToList());
  }

  /** Dead letters read elsewhere (e.g. from a real broker). */
  public static DlqAssert assertThat(List<ProcessingFailed> deadLetters) {
    return new DlqAssert(List.copyOf(deadLetters));
  }

  /** Nothing reached the dead-letter topic. */
  public DlqAssert isEmpty() {
    isNotNull();
    if (!actual.isEmpty()) {
      failWithMessage(
          "Expected no dead letters but found %d:%n%s", actual.size(), describe(actual));
    }
    return this;
  }

  /** Exactly {@code count} dead letters. */
  public DlqAssert hasSize(int count) {
    isNotNull();
    if (actual.size() != count) {
      failWithMessage(
          "Expected %d dead letters but found %d:%n%s", count, actual.size(), describe(actual));
    }
    return this;
  }

  /** At least one dead letter of this stage and kind. */
  public DlqAssert hasFailure(String stage, FailureKind kind) {
    isNotNull();
    if (actual.stream().noneMatch(f -> f.getStage().equals(stage) && f.getKind() == kind)) {
      failWithMessage(
          "Expected a dead letter of stage %s and kind %s but found:%n%s",
          stage, kind, describe(actual));
    }
    return this;
  }

  /** At least one dead letter whose exception class (or business code) ends with {@code name}. */
  public DlqAssert hasFailureOf(String exceptionClassOrCode) {
    isNotNull();
    if (actual.stream().noneMatch(f -> f.getExceptionClass().endsWith(exceptionClassOrCode))) {
      failWithMessage(
          "Expected a dead letter of %s but found:%n%s", exceptionClassOrCode, describe(actual));
    }
    return this;
  }

  /** Some dead letter carries exactly these raw value bytes. */
  public DlqAssert containsRawValue(byte[] rawValue) {
    isNotNull();
    ByteBuffer wanted = ByteBuffer.wrap(rawValue);
    if (actual.stream().noneMatch(f -> Objects.equals(f.getRawValue(), wanted))) {
      failWithMessage(
          "Expected a dead letter with the given raw value but found:%n%s", describe(actual));
    }
    return this;
  }

  /** The one dead letter, for detailed assertions. */
  public ProcessingFailed single() {
    hasSize(1);
    return actual.get(0);
  }

  private static String describe(List<ProcessingFailed> failures) {
    return failures.stream()
        .map(
            f ->
                "  - "
                    + f.getStage()
                    + " "
                    + f.getKind()
                    + " "
                    + f.getSourceTopic()
                    + "-"
                    + f.getSourcePartition()
                    + "@"
                    + f.getSourceOffset()
                    + ": "
                    + f.getExceptionClass()
                    + ": "
                    + f.getExceptionMessage())
        .collect(Collectors.joining("\n"));
  }
}
