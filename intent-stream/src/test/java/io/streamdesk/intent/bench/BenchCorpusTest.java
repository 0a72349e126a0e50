package io.streamdesk.intent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamdesk.schemas.events.CustomerMessageReceived;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCorpusTest {

  @TempDir Path dir;

  @Test
  void shouldAlternateTheBundledChineseAndEnglishSets() {
    List<BenchCorpus.Utterance> corpus = BenchCorpus.defaults();

    assertThat(corpus).hasSize(400);
    assertThat(corpus.get(0).locale()).isEqualTo("zh-CN");
    assertThat(corpus.get(1).locale()).isEqualTo("en-US");
  }

  @Test
  void shouldCycleUtterancesOverConversations() {
    List<BenchCorpus.Utterance> corpus =
        List.of(new BenchCorpus.Utterance("a", null), new BenchCorpus.Utterance("b", "en-US"));

    List<CustomerMessageReceived> messages = BenchCorpus.messages(corpus, 5, 2, Instant.EPOCH);

    assertThat(messages)
        .extracting(CustomerMessageReceived::getText)
        .containsExactly("a", "b", "a", "b", "a");
    assertThat(messages)
        .extracting(CustomerMessageReceived::getConversationId)
        .containsExactly("bench-c-0", "bench-c-1", "bench-c-0", "bench-c-1", "bench-c-0");
    assertThat(messages).extracting(CustomerMessageReceived::getMessageId).doesNotHaveDuplicates();
  }

  @Test
  void shouldReadAJsonlFileAndNameTheBadLine() throws IOException {
    Path good =
        Files.writeString(
            dir.resolve("good.jsonl"),
            "{\"text\":\"hi\",\"locale\":\"en-GB\"}\n\n{\"text\":\"你好\"}\n");
    Path bad =
        Files.writeString(dir.resolve("bad.jsonl"), "{\"text\":\"hi\"}\n{\"label\":\"x\"}\n");

    assertThat(BenchCorpus.read(good))
        .containsExactly(
            new BenchCorpus.Utterance("hi", "en-GB"), new BenchCorpus.Utterance("你好", null));
    assertThatThrownBy(() -> BenchCorpus.read(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 2");
  }
}
