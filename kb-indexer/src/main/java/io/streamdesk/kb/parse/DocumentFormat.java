package io.streamdesk.kb.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The file formats the indexer reads, recognised by file extension, by MIME type (or a bare
 * extension given as the content type), or, when neither is known, by the content's first bytes.
 */
public enum DocumentFormat {
  /** An FAQ table: comma-, semicolon- or tab-separated, header row with question and answer. */
  CSV(List.of("csv", "tsv"), List.of("text/csv", "text/tab-separated-values")),
  /** An FAQ table in an Excel workbook (.xlsx, and the older .xls). */
  XLSX(
      List.of("xlsx", "xls"),
      List.of(
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.ms-excel")),
  MARKDOWN(List.of("md", "markdown"), List.of("text/markdown", "text/x-markdown")),
  TEXT(List.of("txt", "text"), List.of("text/plain")),
  HTML(List.of("html", "htm", "xhtml"), List.of("text/html", "application/xhtml+xml")),
  PDF(List.of("pdf"), List.of("application/pdf")),
  DOCX(
      List.of("docx"),
      List.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));

  private final List<String> extensions;
  private final List<String> mimeTypes;

  DocumentFormat(List<String> extensions, List<String> mimeTypes) {
    this.extensions = extensions;
    this.mimeTypes = mimeTypes;
  }

  public List<String> extensions() {
    return extensions;
  }

  /** Whether documents of this format are FAQ tables. */
  public boolean isFaqTable() {
    return this == CSV || this == XLSX;
  }

  /** The format of a file name by its extension (case-insensitive), if known. */
  public static Optional<DocumentFormat> fromFileName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    String base = name.substring(slash + 1);
    int dot = base.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : fromExtension(base.substring(dot + 1));
  }

  /**
   * The format of a content type: a MIME type ({@code application/pdf}, parameters ignored) or a
   * bare extension ({@code pdf}, {@code .md}), as KnowledgeDocumentSubmitted allows.
   */
  public static Optional<DocumentFormat> fromContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return Optional.empty();
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    for (DocumentFormat f : values()) {
      if (f.mimeTypes.contains(type)) {
        return Optional.of(f);
      }
    }
    return fromExtension(type.startsWith(".") ? type.substring(1) : type);
  }

  private static Optional<DocumentFormat> fromExtension(String extension) {
    String ext = extension.toLowerCase(Locale.ROOT);
    for (DocumentFormat f : values()) {
      if (f.extensions.contains(ext)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Guesses the format from the content alone: PDF and Office files by their signatures, HTML by
   * its opening tag, Markdown by a leading heading, anything else that decodes as text as TEXT. A
   * CSV cannot be told from text this way and needs its name or content type.
   */
  public static Optional<DocumentFormat> sniff(byte[] content) {
    if (startsWith(content, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of(PDF);
    }
    if (startsWith(content, new byte[] {'P', 'K', 3, 4})) {
      return sniffOfficeZip(content);
    }
    if (startsWith(content, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0})) {
      return Optional.of(XLSX); // OLE2: of the formats read here, only .xls uses it
    }
    String head;
    try {
      head = TextDecoding.decode(content, 4096).stripLeading();
    } catch (DocumentParseException notText) {
      return Optional.empty();
    }
    String lower = head.toLowerCase(Locale.ROOT);
    if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
      return Optional.of(HTML);
    }
    if (head.startsWith("# ") || head.startsWith("## ")) {
      return Optional.of(MARKDOWN);
    }
    return Optional.of(TEXT);
  }

  private static Optional<DocumentFormat> sniffOfficeZip(byte[] content) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().startsWith("word/")) {
          return Optional.of(DOCX);
        }
        if (e.getName().startsWith("xl/")) {
          return Optional.of(XLSX);
        }
      }
    } catch (IOException | IllegalArgumentException corrupt) {
      // Not a readable zip: no format can be claimed for it.
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] content, byte[] prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (content[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
