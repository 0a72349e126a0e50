package io.streamdesk.kb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecursiveTextSplitterTest {

  private static final String ZH_SENTENCE = "签收后七天内出现性能故障，可以选择退货、换货或维修。";

  @Test
  void shouldKeepShortTextAsOneChunk() {
    // Given a text shorter than the limit
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(100, 10));

    // When it is split
    List<String> chunks = splitter.split("  A short paragraph.  ");

    // Then it is one stripped chunk
    assertThat(chunks).containsExactly("A short paragraph.");
  }

  @Test
  void shouldPreferParagraphBordersOverSentences() {
    // Given two paragraphs that fit one chunk each but not together
    String first = "First paragraph. " + "It talks about orders. ".repeat(2);
    String second = "Second paragraph. " + "It talks about refunds. ".repeat(2);
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(80, 0));

    // When split without overlap
    List<String> chunks = splitter.split(first + "\n\n" + second);

    // Then each paragraph is a chunk of its own
    assertThat(chunks).containsExactly(first.strip(), second.strip());
  }

  @Test
  void shouldCutChineseAtSentenceEndsAndKeepThePunctuation() {
    // Given Chinese sentences without spaces, longer than the limit together
    String text = ZH_SENTENCE.repeat(6);
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(60, 0));

    // When split
    List<String> chunks = splitter.split(text);

    // Then every chunk ends at a full stop and they add back up to the text
    assertThat(chunks).allSatisfy(c -> assertThat(c).endsWith("。").hasSizeLessThanOrEqualTo(60));
    assertThat(String.join("", chunks)).isEqualTo(text);
  }

  @Test
  void shouldFallBackToChineseClausesWhenASentenceIsTooLong() {
    // Given one long Chinese sentence made of clauses
    String clause = "商品需保持完好并附带全部配件，";
    String text = clause.repeat(8) + "否则无法办理。";
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(50, 0));

    // When split
    List<String> chunks = splitter.split(text);

    // Then it is cut after commas, never inside a clause
    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c).endsWith("，"));
    assertThat(String.join("", chunks)).isEqualTo(text);
  }

  @Test
  void shouldTreatTheEnumerationCommaAsAClauseBorder() {
    // Given a Chinese list joined with 、 and no other punctuation
    String text = "刷子、滤网、拖布、集尘袋、电源适配器、数据线、遥控器、充电座、水箱、边刷、尘盒".repeat(2);
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(50, 0));

    // When split
    List<String> chunks = splitter.split(text);

    // Then every chunk but the last ends at an enumeration comma
    assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c).endsWith("、"));
  }

  @Test
  void shouldNotCutEnglishInsideNumbersOrAbbreviations() {
    // Given English sentences with decimals, thousands and times
    String text =
        "The X1 costs ¥2,999 and runs for 2.5 hours. Support is open 9:00-22:00 daily. ".repeat(4);
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(90, 0));

    // When split
    List<String> chunks = splitter.split(text);

    // Then every chunk is made of whole sentences
    assertThat(chunks)
        .allSatisfy(
            c ->
                assertThat(c).startsWith("The X1").endsWith("daily.").hasSizeLessThanOrEqualTo(90));
  }

  @Test
  void shouldCutEnglishClausesAndThenWordsBeforeCharacters() {
    // Given one long English sentence without commas
    String text = "word ".repeat(40).strip() + ".";
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(50, 0));

    // When split
    List<String> chunks = splitter.split(text);

    // Then no word is cut
    assertThat(chunks)
        .allSatisfy(c -> assertThat(c.split(" ")).allMatch(w -> w.startsWith("word")));
    assertThat(chunks).allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(50));
  }

  @Test
  void shouldCutByCharactersOnlyWhenThereIsNoBorder() {
    // Given Chinese text without any punctuation
    String text = "鲁".repeat(130);
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(50, 0));

    // When split
    List<String> chunks = splitter.split(text);

    // Then it is cut by characters into full-size chunks
    assertThat(chunks).extracting(String::length).containsExactly(50, 50, 30);
  }

  @Test
  void shouldNeverCutASurrogatePair() {
    // Given characters outside the BMP (two UTF-16 units each)
    String text = "𠀀".repeat(60);
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(51, 0));

    // When split
    List<String> chunks = splitter.split(text);

    // Then every chunk holds whole characters
    assertThat(chunks)
        .allSatisfy(c -> assertThat(c.codePoints().allMatch(cp -> cp == 0x20000)).isTrue());
    assertThat(String.join("", chunks)).isEqualTo(text);
  }

  @Test
  void shouldRepeatTheEndOfAChunkFromAClauseBorderAtTheStartOfTheNext() {
    // Given Chinese sentences with clauses and an overlap of 20
    String text = ZH_SENTENCE.repeat(5);
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(60, 20));

    // When split
    List<String> chunks = splitter.split(text);

    // Then each later chunk starts with the previous chunk's last clause
    assertThat(chunks).hasSizeGreaterThan(1);
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i)).startsWith("可以选择退货、换货或维修。");
      assertThat(chunks.get(i - 1)).endsWith("可以选择退货、换货或维修。");
      assertThat(chunks.get(i)).hasSizeLessThanOrEqualTo(60);
    }
  }

  @Test
  void shouldRepeatWholeWordsAsEnglishOverlap() {
    // Given English sentences and an overlap of 30
    String text = "Refunds reach Alipay within three business days. ".repeat(6);
    var splitter = new RecursiveTextSplitter(new ChunkerConfig(120, 30));

    // When split
    List<String> chunks = splitter.split(text);

    // Then each later chunk starts with whole words from the end of the previous one
    for (int i = 1; i < chunks.size(); i++) {
      String previous = chunks.get(i - 1);
      String overlap = chunks.get(i).substring(0, chunks.get(i).indexOf("days.") + 5);
      assertThat(previous).endsWith(overlap);
      assertThat(overlap.length()).isLessThanOrEqualTo(30);
      assertThat(overlap).matches("[a-z].*").doesNotStartWith("ays");
      assertThat(chunks.get(i)).hasSizeLessThanOrEqualTo(120);
    }
  }

  @Test
  void shouldReturnNothingForBlankText() {
    assertThat(new RecursiveTextSplitter(ChunkerConfig.defaults()).split(" \n\n ")).isEmpty();
  }
}
