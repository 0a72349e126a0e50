package io.streamdesk.kb.index;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file or folder to index, and how its documents are identified.
 *
 * <p>A file's document id is {@code idPrefix}; a file under a folder gets {@code
 * idPrefix/relative/path}. Re-indexing a folder deletes the indexed documents whose id starts with
 * {@code idPrefix/} and whose file is gone, and only those.
 *
 * @param path a file or a folder (searched recursively; hidden files and Office lock files are
 *     skipped)
 * @param idPrefix the id of the file, or of the folder its documents' ids start with; by default
 *     the absolute path, so ids are the files' absolute paths
 * @param language language of every document here (ISO 639-1), or null to detect per document
 * @param category category for chunks that have none of their own, or null
 */
public record IndexSource(Path path, String idPrefix, String language, String category) {

  public IndexSource {
    Objects.requireNonNull(path, "path");
    if (idPrefix == null || idPrefix.isBlank()) {
      throw new IllegalArgumentException("idPrefix must not be blank");
    }
    idPrefix = idPrefix.endsWith("/") ? idPrefix.substring(0, idPrefix.length() - 1) : idPrefix;
    language = language == null || language.isBlank() ? null : language.strip();
    category = category == null || category.isBlank() ? null : category.strip();
  }

  /** A file or folder whose documents are identified by their absolute paths. */
  public static IndexSource of(Path path) {
    return new IndexSource(path, defaultId(path), null, null);
  }

  public IndexSource withLanguage(String lang) {
    return new IndexSource(path, idPrefix, lang, category);
  }

  public IndexSource withCategory(String cat) {
    return new IndexSource(path, idPrefix, language, cat);
  }

  /** The absolute, normalised path with forward slashes (a URI outside the default file system). */
  static String defaultId(Path path) {
    if (path.getFileSystem() != FileSystems.getDefault()) {
      return path.toAbsolutePath().normalize().toUri().toString();
    }
    return path.toAbsolutePath().normalize().toString().replace('\\', '/');
  }
}
