package io.streamdesk.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemorySchemaRegistryPersistenceTest {

  @TempDir Path dir;

  @Test
  void shouldKeepIdsAcrossARestartWhenPersisted() {
    Path journal = dir.resolve("schemas.jsonl");
    String before = "persist-" + UUID.randomUUID();
    InMemorySchemaRegistry first = InMemorySchemaRegistry.forScope(before);
    first.persistTo(journal);
    int replyId = first.register("cs.replies-value", ReplyGenerated.getClassSchema());
    int inboundId =
        first.register("cs.messages.inbound-value", CustomerMessageReceived.getClassSchema());
    InMemorySchemaRegistry.drop(before);

    // A new JVM: registration order differs, ids must not.
    String after = "persist-" + UUID.randomUUID();
    InMemorySchemaRegistry second = InMemorySchemaRegistry.forScope(after);
    second.persistTo(journal);

    assertThat(
            second.register("cs.messages.inbound-value", CustomerMessageReceived.getClassSchema()))
        .isEqualTo(inboundId);
    assertThat(second.schemaById(replyId)).isEqualTo(ReplyGenerated.getClassSchema());
    assertThat(second.latest("cs.replies-value"))
        .get()
        .extracting(SubjectVersion::version)
        .isEqualTo(1);
    InMemorySchemaRegistry.drop(after);
  }

  @Test
  void shouldRefuseToPersistARegistryThatAlreadyHoldsSchemas() {
    String scope = "persist-" + UUID.randomUUID();
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
    registry.register("a-value", ReplyGenerated.getClassSchema());

    assertThatThrownBy(() -> registry.persistTo(dir.resolve("late.jsonl")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before any serde registers");
    InMemorySchemaRegistry.drop(scope);
  }
}
