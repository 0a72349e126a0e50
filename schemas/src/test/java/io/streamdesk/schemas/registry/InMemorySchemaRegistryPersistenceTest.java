package io.streamdesk.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.schemas.events.CustomerMessageReceived;
import io.streamdesk.schemas.events.MessageClassified;
import io.streamdesk.schemas.events.ReplyGenerated;
import java.nio.file.Files;
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
  void shouldResolveJournaledIdsWithoutEverWritingTheJournalWhenLoaded() throws Exception {
    // Given a running stack's journal
    Path journal = dir.resolve("schemas.jsonl");
    String stack = "stack-" + UUID.randomUUID();
    InMemorySchemaRegistry running = InMemorySchemaRegistry.forScope(stack);
    running.persistTo(journal);
    int replyId = running.register("cs.replies-value", ReplyGenerated.getClassSchema());
    String journaled = Files.readString(journal);

    // When a second process loads it and registers shadow subjects and a new schema
    String tool = "tool-" + UUID.randomUUID();
    InMemorySchemaRegistry reader = InMemorySchemaRegistry.forScope(tool).loadFrom(journal);
    int shadowId = reader.register("replay-1.cs.replies-value", ReplyGenerated.getClassSchema());
    reader.register("replay-1.cs.messages.classified-value", MessageClassified.getClassSchema());

    // Then it reads the stack's ids, keeps them for identical schemas, and the journal is unchanged
    assertThat(reader.schemaById(replyId)).isEqualTo(ReplyGenerated.getClassSchema());
    assertThat(shadowId).isEqualTo(replyId);
    assertThat(Files.readString(journal)).isEqualTo(journaled);
    InMemorySchemaRegistry.drop(stack);
    InMemorySchemaRegistry.drop(tool);
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
