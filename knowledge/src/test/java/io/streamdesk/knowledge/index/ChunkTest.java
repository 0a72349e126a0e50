package io.streamdesk.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkTest {

  @Test
  void shouldKeepAnFaqRowsQuestionAndAnswerApartAndTogether() {
    Chunk row = Chunk.faq("f#0", "f", "", " Refund? ", "In 5 days. ", "f.csv", 0, null, "en");

    assertThat(row.isFaq()).isTrue();
    assertThat(row.text()).isEqualTo("Refund?\nIn 5 days.");
    assertThat(row.fullText()).isEqualTo(row.text());
    assertThat(row.category()).isEmpty();
  }

  @Test
  void shouldPutThePassageTitleInFrontOfItsFullText() {
    Chunk p = Chunk.passage("d#1", "d", "Returns", "Within 30 days.", "d.md", 1, "", "en");

    assertThat(p.fullText()).isEqualTo("Returns\nWithin 30 days.");
  }

  @Test
  void shouldRejectInconsistentChunksWithTheirId() {
    assertThatThrownBy(() -> new Chunk("c", "d", "", "t", "", 0, "", "en", "q", null))
        .hasMessageContaining("chunk c");
    assertThatThrownBy(() -> Chunk.passage("c", "d", "", "t", "", -1, "", "en"))
        .hasMessageContaining("position");
    Chunk passage = Chunk.passage("c", "d", "", "t", "", 0, "", "en");
    assertThatThrownBy(() -> new EmbeddedChunk(passage, new float[] {1}, new float[] {1}))
        .hasMessageContaining("passage none");
    assertThatThrownBy(
            () ->
                new DocumentUpdate(
                    "other", "h", List.of(new EmbeddedChunk(passage, new float[] {1}, null))))
        .hasMessageContaining("belongs to d");
  }
}
