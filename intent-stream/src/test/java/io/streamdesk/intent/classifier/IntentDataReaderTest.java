package io.streamdesk.intent.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentDataReaderTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void shouldReadJsonLinesSkippingBlankLines() throws Exception {
    Path file =
        write(
            "train.jsonl",
            "{\"text\": \"我要转人工\", \"label\": \"human_agent\"}\n\n"
                + "{\"text\": \"where is my order\", \"label\": \" order_status \"}\n");

    IntentDataset data = IntentDataReader.read(file);

    assertThat(data.examples())
        .containsExactly(
            new LabelledUtterance("我要转人工", "human_agent"),
            new LabelledUtterance("where is my order", "order_status"));
    assertThat(data.sha256()).hasSize(64);
    assertThat(data.source()).isEqualTo(file.toString());
  }

  @Test
  void shouldReadCsvWithHeaderAndQuotedCommas() throws Exception {
    Path file = write("train.csv", "text,label\n\"hello, anyone there?\",greeting\nbye,greeting\n");

    assertThat(IntentDataReader.read(file).examples())
        .containsExactly(
            new LabelledUtterance("hello, anyone there?", "greeting"),
            new LabelledUtterance("bye", "greeting"));
  }

  @Test
  void shouldReadYamlLabelToUtterances() throws Exception {
    Path file = write("train.yaml", "greeting:\n  - hi\n  - 你好\ncomplaint:\n  - this is awful\n");

    assertThat(IntentDataReader.read(file).labelCounts())
        .containsEntry("greeting", 2)
        .containsEntry("complaint", 1);
  }

  @Test
  void shouldNameFileAndLineOfMalformedJson() throws Exception {
    Path file =
        write(
            "bad.jsonl",
            "{\"text\": \"hi\", \"label\": \"greeting\"}\n{\"text\": \"oops\", \"label\": }\n");

    assertThatThrownBy(() -> IntentDataReader.read(file))
        .isInstanceOf(IntentDataException.class)
        .hasMessageStartingWith(file + ":2: not valid JSON");
  }

  @Test
  void shouldNameFileAndLineOfAMissingOrBlankField() throws Exception {
    Path missing = write("missing.jsonl", "{\"text\": \"hi\"}\n");
    Path blank =
        write(
            "blank.jsonl",
            "{\"text\": \"ok\", \"label\": \"a\"}\n{\"text\": \" \", \"label\": \"a\"}\n");
    Path number = write("number.jsonl", "{\"text\": 5, \"label\": \"a\"}\n");

    assertThatThrownBy(() -> IntentDataReader.read(missing))
        .hasMessage(missing + ":1: missing \"label\"");
    assertThatThrownBy(() -> IntentDataReader.read(blank))
        .hasMessage(blank + ":2: utterance text must not be blank");
    assertThatThrownBy(() -> IntentDataReader.read(number))
        .hasMessageContaining(number + ":1: \"text\" must be a string");
  }

  @Test
  void shouldNameFileAndLineOfABadCsvRow() throws Exception {
    Path file = write("bad.csv", "text,label\nhi,greeting\nno label here\n");

    assertThatThrownBy(() -> IntentDataReader.read(file))
        .isInstanceOf(IntentDataException.class)
        .hasMessage(file + ":3: expected 2 columns (text,label), found 1");
  }

  @Test
  void shouldNameFileAndLineOfABadYamlEntry() throws Exception {
    Path file = write("bad.yaml", "greeting:\n  - hi\ncomplaint: not a list\n");

    assertThatThrownBy(() -> IntentDataReader.read(file))
        .isInstanceOf(IntentDataException.class)
        .hasMessage(file + ":3: label 'complaint' must map to a list of utterances");
  }

  @Test
  void shouldRefuseUnknownFormatsEmptyFilesAndInvalidUtf8() throws Exception {
    Path txt = write("data.txt", "hi");
    Path empty = write("empty.jsonl", "\n");
    Path latin1 = dir.resolve("latin1.jsonl");
    Files.write(latin1, new byte[] {'{', (byte) 0xE9, '}'});

    assertThatThrownBy(() -> IntentDataReader.read(txt))
        .hasMessageContaining("unknown data format");
    assertThatThrownBy(() -> IntentDataReader.read(empty))
        .hasMessage(empty + ": no labelled utterances");
    assertThatThrownBy(() -> IntentDataReader.read(latin1))
        .hasMessage(latin1 + ": not valid UTF-8");
    assertThatThrownBy(() -> IntentDataReader.read(dir.resolve("absent.jsonl")))
        .isInstanceOf(IntentDataException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void shouldReadTheBundledDefaultIntents() {
    IntentDataset zh = IntentDataReader.readResource("intents/zh/train.jsonl");
    IntentDataset en = IntentDataReader.readResource("intents/en/train.jsonl");

    assertThat(zh.labelCounts()).hasSize(9).containsKey("oos");
    assertThat(en.labelCounts().keySet()).isEqualTo(zh.labelCounts().keySet());
    assertThat(zh.labelCounts().values()).allMatch(c -> c >= 40);
  }
}
