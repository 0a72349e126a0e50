package io.streamdesk.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
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
    assertThat(data.queries()).containsExactly(new FaqDataset.Query("q", Set.of("b")));
    assertThat(data.judgements()).isEqualTo(1);
  }

  @Test
  void shouldMergeLinesWithTheSameQueryTextIntoOneQueryWithSeveralRelevantFaqs() throws Exception {
    // Given the same question judged relevant to two FAQs, once with a trailing blank, and once
    // judged twice to the same FAQ
    Path faqs =
        write(
            "faqs.jsonl",
            "{\"id\": \"a\", \"question\": \"Q1?\", \"answer\": \"A1\"}\n"
                + "{\"id\": \"b\", \"question\": \"Q2?\", \"answer\": \"A2\"}\n");
    Path queries =
        write(
            "queries.jsonl",
            "{\"query\": \"Should I wear a mask?\", \"faq_id\": \"b\"}\n"
                + "{\"query\": \"other\", \"faq_id\": \"a\"}\n"
                + "{\"query\": \"Should I wear a mask? \", \"faq_id\": \"a\"}\n"
                + "{\"query\": \"other\", \"faq_id\": \"a\"}\n");

    // When
    FaqDataset data = FaqDataset.read(faqs, queries);

    // Then one query per distinct text, in the order first seen, with every FAQ judged relevant
    assertThat(data.queries())
        .containsExactly(
            new FaqDataset.Query("Should I wear a mask?", Set.of("b", "a")),
            new FaqDataset.Query("other", Set.of("a")));
    assertThat(data.queries().get(0).relevantFaqIds()).containsExactly("b", "a");
    assertThat(data.judgements()).isEqualTo(4);
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
