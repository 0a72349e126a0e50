package io.streamdesk.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the real command end to end on a tiny set with the small int8 English model. */
class RetrievalEvalCommandTest {

  @TempDir Path dir;

  @Test
  void shouldPrintOneJsonObjectWithTheDocumentedKeysAndFindObviousMatches() throws Exception {
    Files.writeString(
        dir.resolve("faqs.jsonl"),
        String.join(
            "\n",
            "{\"id\": \"refund\", \"question\": \"How do I get a refund?\", \"answer\": \"Refunds"
                + " reach your card within 5 days.\"}",
            "{\"id\": \"parcel\", \"question\": \"When will my parcel arrive?\", \"answer\":"
                + " \"Parcels arrive within 2 working days.\"}",
            "{\"id\": \"password\", \"question\": \"How do I reset my password?\", \"answer\": \"Use"
                + " the forgot-password link on the sign-in page.\"}"));
    Files.writeString(
        dir.resolve("queries.jsonl"),
        String.join(
            "\n",
            "{\"query\": \"I want my money back\", \"faq_id\": \"refund\"}",
            "{\"query\": \"where is my package\", \"faq_id\": \"parcel\"}",
            "{\"query\": \"forgot password\", \"faq_id\": \"password\"}"));
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    int exit =
        new CommandLine(
                new RetrievalEvalCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8)))
            .execute("--faqs", dir.toString(), "--model", "bge-small-en-v15-q", "--json");

    assertThat(exit).isZero();
    String out = stdout.toString(StandardCharsets.UTF_8);
    assertThat(out.strip().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(out);
    assertThat(fieldNames(json))
        .containsExactly(
            "model", "faqs", "queries", "vector", "bm25", "hybrid", "search_latency_ms");
    for (String mode : List.of("vector", "bm25", "hybrid")) {
      assertThat(fieldNames(json.get(mode)))
          .containsExactly("hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10");
    }
    assertThat(fieldNames(json.get("search_latency_ms"))).containsExactly("p50", "p99");
    assertThat(json.get("model").asText()).isEqualTo("bge-small-en-v15-q");
    assertThat(json.get("queries").asInt()).isEqualTo(3);
    assertThat(json.get("vector").get("hit@1").asDouble()).isEqualTo(1.0);
    assertThat(json.get("hybrid").get("hit@5").asDouble()).isEqualTo(1.0);
  }

  @Test
  void shouldExitWithTwoOnAMalformedDataSet() throws Exception {
    Files.writeString(dir.resolve("faqs.jsonl"), "{\"id\": \"a\"}");
    Files.writeString(dir.resolve("queries.jsonl"), "");

    int exit =
        new CommandLine(new RetrievalEvalCommand())
            .execute("--faqs", dir.resolve("faqs.jsonl").toString());

    assertThat(exit).isEqualTo(2);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
