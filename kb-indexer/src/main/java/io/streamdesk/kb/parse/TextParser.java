package io.streamdesk.kb.parse;

import java.util.Arrays;

/**
 * Reads plain text: paragraphs are separated by blank lines; a short first line followed by a blank
 * line is the title.
 */
public final class TextParser implements DocumentParser {

  private static final int MAX_TITLE_CHARS = 100;

  @Override
  public DocumentFormat format() {
    return DocumentFormat.TEXT;
  }

  @Override
  public ParsedDocument parse(byte[] content, String name) throws DocumentParseException {
    String text = TextDecoding.decode(content).replace("\r\n", "\n").replace('\r', '\n');
    String[] blocks = text.strip().split("\n\\s*\n");
    SectionsBuilder sections = new SectionsBuilder(null);
    int first = 0;
    if (blocks.length > 1
        && !blocks[0].contains("\n")
        && blocks[0].strip().length() <= MAX_TITLE_CHARS) {
      sections.heading(1, blocks[0]);
      first = 1;
    }
    Arrays.stream(blocks, first, blocks.length).forEach(sections::paragraph);
    var result = sections.sections();
    if (result.isEmpty()) {
      throw new DocumentParseException("empty text file");
    }
    return new ProseDocument(format(), sections.title(SectionsBuilder.baseName(name)), result);
  }
}
