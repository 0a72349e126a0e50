package io.streamdesk.kb.parse;

/**
 * What a parser made of a file: either prose (sections under headings) or an FAQ table (rows of
 * question and answer). The chunker treats the two differently: prose is split by size, an FAQ row
 * is never split.
 */
public sealed interface ParsedDocument permits ProseDocument, FaqDocument {

  /** The format the document was read as. */
  DocumentFormat format();

  /** The document's title: from its metadata or first heading, else its file name; never null. */
  String title();

  /** All of the document's text in reading order, for language detection. */
  String plainText();

  /** A copy with another title (a title given with the document wins over the parsed one). */
  ParsedDocument withTitle(String title);
}
