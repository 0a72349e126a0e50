package io.streamdesk.kb.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes text files: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or
 * GB18030 when the bytes are not valid UTF-8 (what Chinese Excel and Notepad often save). Binary
 * content is refused rather than indexed as mojibake.
 */
final class TextDecoding {

  private static final Charset GB18030 = Charset.forName("GB18030");

  private TextDecoding() {}

  static String decode(byte[] content) throws DocumentParseException {
    return decode(content, content.length);
  }

  /** Decodes at most the first {@code limit} bytes (a cut multi-byte character is dropped). */
  static String decode(byte[] content, int limit) throws DocumentParseException {
    int length = Math.min(limit, content.length);
    if (length >= 3
        && (content[0] & 0xFF) == 0xEF
        && (content[1] & 0xFF) == 0xBB
        && (content[2] & 0xFF) == 0xBF) {
      return checkText(
          strict(StandardCharsets.UTF_8, content, 3, length - 3, limit < content.length));
    }
    if (length >= 2 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE) {
      return checkText(new String(content, 2, length - 2, StandardCharsets.UTF_16LE));
    }
    if (length >= 2 && (content[0] & 0xFF) == 0xFE && (content[1] & 0xFF) == 0xFF) {
      return checkText(new String(content, 2, length - 2, StandardCharsets.UTF_16BE));
    }
    String utf8 = strict(StandardCharsets.UTF_8, content, 0, length, limit < content.length);
    if (utf8 != null) {
      return checkText(utf8);
    }
    String gb = strict(GB18030, content, 0, length, limit < content.length);
    if (gb != null) {
      return checkText(gb);
    }
    throw new DocumentParseException("not text: neither UTF-8 nor GB18030");
  }

  private static String strict(Charset charset, byte[] bytes, int offset, int length, boolean cut) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      // The limit may have cut the last character (at most 4 bytes) in half: retry without it.
      for (int drop = 1; cut && drop < 4 && drop < length; drop++) {
        String shorter = strict(charset, bytes, offset, length - drop, false);
        if (shorter != null) {
          return shorter;
        }
      }
      return null;
    }
  }

  private static String checkText(String text) throws DocumentParseException {
    if (text == null) {
      throw new DocumentParseException("not text: neither UTF-8 nor GB18030");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw new DocumentParseException("not text: contains NUL bytes (a binary file?)");
      }
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
