package io.streamdesk.kb.parse;

/** No parser reads this kind of file (unknown extension, content type or content). */
public final class UnsupportedFormatException extends DocumentParseException {

  public UnsupportedFormatException(String reason) {
    super(reason);
  }
}
