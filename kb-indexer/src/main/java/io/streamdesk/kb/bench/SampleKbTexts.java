package io.streamdesk.kb.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The packaged sample knowledge base ({@code sample-kb/<language>/} on the classpath) cut into
 * chunk-sized texts: each FAQ row as one text (question and answer, as it is embedded when
 * indexed), and each Markdown document's paragraphs packed into pieces of at most {@value
 * #MAX_CHARS} characters under their heading.
 *
 * <p>The paragraph packing approximates the product chunker (500 characters, honouring paragraph
 * ends) closely enough for throughput figures; it does not replace it.
 */
public final class SampleKbTexts implements BenchTexts {

  static final int MAX_CHARS = 500;
  private static final String ROOT = "sample-kb/";

  private final String language;
  private final List<String> texts;

  private SampleKbTexts(String language, List<String> texts) {
    this.language = language;
    this.texts = List.copyOf(texts);
  }

  /**
   * @throws IllegalArgumentException if the sample KB has no folder for that language
   */
  public static SampleKbTexts forLanguage(String language) {
    URL url = SampleKbTexts.class.getClassLoader().getResource(ROOT + language + "/faq.csv");
    if (url == null) {
      throw new IllegalArgumentException(
          "the sample knowledge base has no " + ROOT + language + "/faq.csv on the classpath");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(language, jar.provider().getPath(uri).getParent());
        }
      }
      return read(language, Path.of(uri).getParent());
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot read the sample knowledge base: " + e, e);
    }
  }

  private static SampleKbTexts read(String language, Path folder) throws IOException {
    List<String> texts = new ArrayList<>(faqRows(Files.readString(folder.resolve("faq.csv"))));
    Path docs = folder.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> files = Files.list(docs)) {
        for (Path md : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
          texts.addAll(markdownPieces(Files.readString(md, StandardCharsets.UTF_8)));
        }
      }
    }
    return new SampleKbTexts(language, texts);
  }

  static List<String> faqRows(String csv) throws IOException {
    List<String> rows = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = new StringReader(csv)) {
      for (CSVRecord r : format.parse(in)) {
        rows.add(r.get("question").strip() + "\n" + r.get("answer").strip());
      }
    }
    return rows;
  }

  static List<String> markdownPieces(String markdown) {
    List<String> pieces = new ArrayList<>();
    String heading = "";
    StringBuilder current = new StringBuilder();
    for (String block : markdown.split("\\R\\s*\\R")) {
      String text = block.strip();
      if (text.isEmpty()) {
        continue;
      }
      if (text.startsWith("#")) {
        flush(pieces, heading, current);
        heading = text.replaceFirst("^#+\\s*", "").lines().findFirst().orElse("");
        continue;
      }
      if (current.length() > 0 && current.length() + text.length() + 1 > MAX_CHARS) {
        flush(pieces, heading, current);
      }
      if (current.length() > 0) {
        current.append('\n');
      }
      current.append(text, 0, Math.min(text.length(), MAX_CHARS));
    }
    flush(pieces, heading, current);
    return pieces;
  }

  private static void flush(List<String> pieces, String heading, StringBuilder current) {
    if (current.length() > 0) {
      pieces.add(heading.isEmpty() ? current.toString() : heading + "\n" + current);
      current.setLength(0);
    }
  }

  @Override
  public List<String> texts() {
    return texts;
  }

  @Override
  public String describe() {
    return "sample KB (" + language + "): " + texts.size() + " FAQ rows and document pieces";
  }
}
