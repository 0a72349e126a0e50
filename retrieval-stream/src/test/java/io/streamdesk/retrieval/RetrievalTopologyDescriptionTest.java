package io.streamdesk.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the topology's shape: every operator and store is named, so a change that renames or
 * reorders them (and would orphan state or change internal topic names) shows up here.
 */
class RetrievalTopologyDescriptionTest {

  @TempDir Path indexDir;

  @Test
  void shouldKeepTheTopologyShapeAndNames() throws IOException {
    try (RetrievalFixture fixture = new RetrievalFixture(indexDir)) {
      String actual =
          RetrievalTopology.build(
                  fixture.harness.topics(),
                  fixture.harness.serdes(),
                  RetrievalComponents.create(fixture.config, fixture.index, fixture.metrics))
              .describe()
              .toString();
      try (InputStream in = getClass().getResourceAsStream("/retrieval-topology.txt")) {
        assertThat(in).as("pinned description; current one:%n%s", actual).isNotNull();
        String pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(actual.strip()).isEqualTo(pinned.strip());
      }
      assertThat(actual).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
    }
  }
}
