package io.streamdesk.intent.classifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads labelled utterances, choosing the format by file extension:
 *
 * <ul>
 *   <li>{@code .jsonl} / {@code .ndjson}: one {@code {"text": ..., "label": ...}} object per line;
 *       blank lines are skipped.
 *   <li>{@code .csv}: columns {@code text,label} (RFC 4180 quoting); a first row reading {@code
 *       text,label} is a header.
 *   <li>{@code .yaml} / {@code .yml}: a mapping {@code label: [utterance, ...]}.
 * </ul>
 *
 * Input must be UTF-8. Every malformed entry fails the whole read with an {@link
 * IntentDataException} naming the source and line: silently skipping a bad line would train a
 * different model than the file describes.
 */
public final class IntentDataReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private IntentDataReader() {}

  /** Reads a data file. */
  public static IntentDataset read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IntentDataException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(file.toString(), bytes);
  }

  /** Reads a data file bundled on the classpath, such as {@code intents/en/train.jsonl}. */
  public static IntentDataset readResource(String resource) {
    try (InputStream in = IntentDataReader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IntentDataException("classpath:" + resource + ": no such resource");
      }
      return parse("classpath:" + resource, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading classpath:" + resource, e);
    }
  }

  /** Parses data whose format follows from the extension of {@code source}. */
  public static IntentDataset parse(String source, byte[] bytes) {
    String content = decodeUtf8(source, bytes);
    String name = source.toLowerCase(Locale.ROOT);
    List<LabelledUtterance> examples;
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      examples = parseJsonLines(source, content);
    } else if (name.endsWith(".csv")) {
      examples = parseCsv(source, content);
    } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      examples = parseYaml(source, content);
    } else {
      throw new IntentDataException(
          source + ": unknown data format; use .jsonl, .csv, .yaml or .yml");
    }
    return new IntentDataset(source, sha256(bytes), examples);
  }

  private static List<LabelledUtterance> parseJsonLines(String source, String content) {
    List<LabelledUtterance> out = new ArrayList<>();
    String[] lines = content.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new IntentDataException(
            at(source, lineNo) + "not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (node == null || !node.isObject()) {
        throw new IntentDataException(
            at(source, lineNo) + "expected a JSON object {\"text\": ..., \"label\": ...}");
      }
      out.add(
          create(
              source,
              lineNo,
              stringField(source, lineNo, node, "text"),
              stringField(source, lineNo, node, "label")));
    }
    return out;
  }

  private static String stringField(String source, int lineNo, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IntentDataException(at(source, lineNo) + "missing \"" + field + "\"");
    }
    if (!value.isTextual()) {
      throw new IntentDataException(
          at(source, lineNo) + "\"" + field + "\" must be a string, was " + value.getNodeType());
    }
    return value.textValue();
  }

  private static List<LabelledUtterance> parseCsv(String source, String content) {
    List<LabelledUtterance> out = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(content), format)) {
      boolean first = true;
      for (CSVRecord row : parser) {
        int lineNo = lineOf(content, row.getCharacterPosition());
        if (first && isHeader(row)) {
          first = false;
          continue;
        }
        first = false;
        if (row.size() != 2) {
          throw new IntentDataException(
              at(source, lineNo) + "expected 2 columns (text,label), found " + row.size());
        }
        out.add(create(source, lineNo, row.get(0), row.get(1)));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new IntentDataException(source + ": malformed CSV: " + e.getMessage(), e);
    }
    return out;
  }

  private static boolean isHeader(CSVRecord row) {
    return row.size() == 2
        && row.get(0).strip().equalsIgnoreCase("text")
        && row.get(1).strip().equalsIgnoreCase("label");
  }

  private static int lineOf(String content, long charPosition) {
    int line = 1;
    for (int i = 0; i < charPosition && i < content.length(); i++) {
      if (content.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static List<LabelledUtterance> parseYaml(String source, String content) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(content));
    } catch (YAMLException e) {
      throw new IntentDataException(source + ": malformed YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof MappingNode mapping)) {
      throw new IntentDataException(
          source + ": expected a mapping of label -> list of utterances at the top level");
    }
    List<LabelledUtterance> out = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      int keyLine = line(tuple.getKeyNode());
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw new IntentDataException(at(source, keyLine) + "a label must be a plain string");
      }
      if (!(tuple.getValueNode() instanceof SequenceNode utterances)) {
        throw new IntentDataException(
            at(source, keyLine)
                + "label '"
                + key.getValue()
                + "' must map to a list of utterances");
      }
      for (Node item : utterances.getValue()) {
        if (!(item instanceof ScalarNode text)) {
          throw new IntentDataException(
              at(source, line(item)) + "an utterance of '" + key.getValue() + "' must be a string");
        }
        out.add(create(source, line(item), text.getValue(), key.getValue()));
      }
    }
    return out;
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private static LabelledUtterance create(String source, int lineNo, String text, String label) {
    try {
      return new LabelledUtterance(text, label);
    } catch (IllegalArgumentException e) {
      throw new IntentDataException(at(source, lineNo) + e.getMessage(), e);
    }
  }

  private static String at(String source, int lineNo) {
    return source + ":" + lineNo + ": ";
  }

  private static String decodeUtf8(String source, byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
      // A byte-order mark is not part of the first utterance.
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new IntentDataException(source + ": not valid UTF-8", e);
    }
  }

  /** Hex SHA-256 of some bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }
}
