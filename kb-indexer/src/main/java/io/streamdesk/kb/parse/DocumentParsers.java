package io.streamdesk.kb.parse;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the parser for a document and runs it. The format comes from the content type when one is
 * given, else from the file name's extension, else from the content's first bytes; a file that none
 * of these identify, or an empty one, is refused with an {@link UnsupportedFormatException}.
 * Whatever a parser library throws on a corrupt file becomes a {@link DocumentParseException}.
 * Thread-safe.
 */
public final class DocumentParsers {

  private final Map<DocumentFormat, DocumentParser> parsers = new EnumMap<>(DocumentFormat.class);

  /** The parsers for every {@link DocumentFormat}. */
  public static DocumentParsers defaults() {
    return new DocumentParsers(
        List.of(
            new CsvFaqParser(),
            new SpreadsheetFaqParser(),
            new MarkdownParser(),
            new TextParser(),
            new HtmlParser(),
            new PdfParser(),
            new DocxParser()));
  }

  public DocumentParsers(List<DocumentParser> parsers) {
    parsers.forEach(p -> this.parsers.put(p.format(), p));
  }

  /**
   * The format a document will be read as.
   *
   * @param contentType MIME type or extension, or null to go by the name and the content
   */
  public DocumentFormat formatOf(String name, String contentType, byte[] content)
      throws UnsupportedFormatException {
    if (contentType != null && !contentType.isBlank()) {
      return DocumentFormat.fromContentType(contentType)
          .orElseThrow(
              () -> new UnsupportedFormatException("unsupported content type " + contentType));
    }
    var byName = DocumentFormat.fromFileName(name);
    if (byName.isPresent()) {
      return byName.get();
    }
    if (hasExtension(name)) {
      throw new UnsupportedFormatException(
          "unsupported file type ." + extension(name) + " (supported: " + supported() + ")");
    }
    return DocumentFormat.sniff(content)
        .orElseThrow(
            () ->
                new UnsupportedFormatException(
                    "unrecognised content (supported: " + supported() + ")"));
  }

  /** Parses a document whose format is known from its name, content type or content. */
  public ParsedDocument parse(byte[] content, String name, String contentType)
      throws DocumentParseException {
    if (content.length == 0) {
      throw new DocumentParseException("empty file");
    }
    DocumentFormat format = formatOf(name, contentType, content);
    DocumentParser parser = parsers.get(format);
    if (parser == null) {
      throw new UnsupportedFormatException("no parser configured for " + format);
    }
    try {
      return parser.parse(content, name == null ? "" : name);
    } catch (RuntimeException e) {
      throw new DocumentParseException("unreadable " + format + ": " + e, e);
    }
  }

  /** Whether files with this name would be read (by extension; used when walking folders). */
  public boolean supportsName(String name) {
    return DocumentFormat.fromFileName(name).map(parsers::containsKey).orElse(false);
  }

  private String supported() {
    return String.join(
        ", ", parsers.keySet().stream().flatMap(f -> f.extensions().stream()).toList());
  }

  private static boolean hasExtension(String name) {
    return !extension(name).isEmpty();
  }

  private static String extension(String name) {
    if (name == null) {
      return "";
    }
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    String base = name.substring(slash + 1);
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(dot + 1) : "";
  }
}
