package io.streamdesk.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.stack.bench.BenchConversations.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchConversationsTest {

  @TempDir Path dir;

  @Test
  void shouldReadTheBundledChineseAndEnglishConversations() {
    List<Script> scripts = BenchConversations.bundled();

    assertThat(scripts).hasSize(75);
    assertThat(scripts).extracting(Script::language).containsOnly("zh", "en");
    assertThat(scripts).allSatisfy(s -> assertThat(s.turns()).isNotEmpty());
  }

  @Test
  void shouldNameTheLineOfAMalformedConversation() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(
        file, "{\"id\":\"a\",\"language\":\"en\",\"turns\":[{\"text\":\"hi\"}]}\n{oops\n");

    assertThatThrownBy(() -> BenchConversations.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void shouldStartAFreshConversationWhenAScriptIsPlayedOut() {
    Script one = new Script("s1", "en", List.of("hi", "bye"));
    ConversationSlots.Slot slot = new ConversationSlots(List.of(one), 1, "run").all().getFirst();

    String first = slot.next().conversationId();
    String second = slot.next().conversationId();
    ConversationSlots.Message third = slot.next();

    assertThat(second).isEqualTo(first);
    assertThat(third.conversationId()).isNotEqualTo(first);
    assertThat(third.turn()).isZero();
    assertThat(third.locale()).isEqualTo("en-US");
  }
}
