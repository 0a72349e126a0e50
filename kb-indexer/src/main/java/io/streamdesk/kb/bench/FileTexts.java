package io.streamdesk.kb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One text per non-blank line of a UTF-8 file. */
public record FileTexts(Path file, List<String> texts) implements BenchTexts {

  public static FileTexts read(Path file) throws IOException {
    List<String> lines =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + " has no texts (one per line expected)");
    }
    return new FileTexts(file, lines);
  }

  @Override
  public String describe() {
    return file + ": " + texts.size() + " lines";
  }
}
