package io.streamdesk.kb.parse;

/**
 * Reads one format. Implementations are stateless and thread-safe.
 *
 * <p>Every failure is a {@link DocumentParseException} whose message says why; a parser never
 * returns a partial document silently.
 */
public interface DocumentParser {

  DocumentFormat format();

  /**
   * @param content the whole file
   * @param name the file name (for the fallback title and messages); may be empty
   */
  ParsedDocument parse(byte[] content, String name) throws DocumentParseException;
}
