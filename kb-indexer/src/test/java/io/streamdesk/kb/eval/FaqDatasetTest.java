package io.streamdesk.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqDatasetTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void shouldReadFaqsAndQueriesSkippingBlankLines() throws Exception {
    Path faqs =
        write(
            "faqs.jsonl",
            "{\"id\": \"a\", \"question\": \"Q1?\", \"answer\": \"A1\"}\n\n"
                + "{\"id\": \"b\", \"question\": \"Q2?\", \"answer\": \"A2\"}\n");
    Path queries = write("queries.jsonl", "{\"query\": \"q\", \"faq_id\": \"b\"}\n");

    FaqDataset data = FaqDataset.read(faqs, queries);

    assertThat(data.faqs()).extracting(FaqDataset.Faq::id).containsExactly("a", "b");
    assertThat(data.queries()).containsExactly(new FaqDataset.Query("q", "b"));
  }

  @Test
  void shouldNameTheFileAndLineOfABadRecord() throws Exception {
    Path faqs = write("faqs.jsonl", "{\"id\": \"a\", \"question\": \"Q?\", \"answer\": \"A\"}\n");

    assertThatThrownBy(
            () -> FaqDataset.read(faqs, write("q1.jsonl", "{\"query\": \"x\", \"faq_id\": \"z\"}")))
        .hasMessageContaining("q1.jsonl:1")
        .hasMessageContaining("unknown faq_id 'z'");
    assertThatThrownBy(() -> FaqDataset.read(faqs, write("q2.jsonl", "\n{not json")))
        .hasMessageContaining("q2.jsonl:2")
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> FaqDataset.read(faqs, write("q3.jsonl", "{\"faq_id\": \"a\"}")))
        .hasMessageContaining("missing or blank \"query\"");
  }
}
