package io.streamdesk.kb.sample;

import io.streamdesk.kb.index.IndexListener;
import io.streamdesk.kb.index.IndexSource;
import io.streamdesk.kb.index.IndexSummary;
import io.streamdesk.kb.index.KnowledgeBaseIndexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The packaged sample knowledge base (LumaShop): {@code sample-kb/zh} and {@code sample-kb/en} on
 * the classpath, as built (FAQ CSV, Markdown documents, and the warranty policy as the PDF the
 * build renders instead of its Markdown source). Found in {@code target/classes} when run from the
 * build tree and inside the jar otherwise.
 *
 * <p>Documents are identified as {@code sample-kb/<lang>/<path>} wherever the files are, so the ids
 * stay the same between the build tree and the jar, and re-indexing skips unchanged files.
 */
public final class SampleKnowledgeBase {

  /** Classpath folder of the sample KB. */
  public static final String RESOURCE_ROOT = "sample-kb";

  /** The languages the sample KB is written in, one folder each. */
  public static final List<String> LANGUAGES = List.of("zh", "en");

  private static final String MARKER = "/" + RESOURCE_ROOT + "/zh/faq.csv";

  private SampleKnowledgeBase() {}

  /** The folder holding {@code zh/} and {@code en/} (a path inside the jar when packaged). */
  public static Path root() {
    URL marker = SampleKnowledgeBase.class.getResource(MARKER);
    if (marker == null) {
      throw new IllegalStateException(
          "the sample knowledge base is not on the classpath (" + MARKER + ")");
    }
    try {
      URI uri = marker.toURI();
      Path faq =
          "jar".equals(uri.getScheme()) ? jarFileSystem(uri).provider().getPath(uri) : Path.of(uri);
      return faq.getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad classpath URL " + marker, e);
    }
  }

  /** One source per language, with its language given (no detection needed). */
  public static List<IndexSource> sources() {
    Path root = root();
    return LANGUAGES.stream()
        .map(lang -> new IndexSource(root.resolve(lang), RESOURCE_ROOT + "/" + lang, lang, null))
        .toList();
  }

  /**
   * Indexes the sample KB: the first time every document, later only what changed (an unchanged
   * sample KB costs a hash per file and loads no model).
   */
  public static IndexSummary indexInto(KnowledgeBaseIndexer indexer, IndexListener listener) {
    return indexer.index(sources(), listener);
  }

  private static FileSystem jarFileSystem(URI uri) {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      return FileSystems.getFileSystem(uri);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + uri, e);
    }
  }
}
