package io.streamdesk.stack.replay;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;

/**
 * A private copy of the latest commit of a Lucene knowledge-base index, for a shadow pipeline: the
 * live index has one writer (the running stack's) and Lucene allows no second one, while a copy can
 * be opened like any index. Lucene files are written once, and a commit point ({@code segments_N})
 * names exactly the files it needs; the copy takes those. When a concurrent commit deletes a file
 * of an older commit mid-copy, it starts again from the newer commit.
 */
final class IndexSnapshot {

  private static final int ATTEMPTS = 5;

  private IndexSnapshot() {}

  /**
   * Copies the latest commit of the index in {@code source} into the empty folder {@code target}.
   *
   * @return the commit generation copied
   * @throws IllegalArgumentException if {@code source} holds no index
   */
  static long copyLatestCommit(Path source, Path target) {
    if (!Files.isDirectory(source)) {
      throw new IllegalArgumentException("no knowledge-base index at " + source.toAbsolutePath());
    }
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (Directory from = FSDirectory.open(source);
          Directory to = FSDirectory.open(target)) {
        SegmentInfos commit = SegmentInfos.readLatestCommit(from);
        Collection<String> files = commit.files(true);
        for (String file : to.listAll()) {
          to.deleteFile(file);
        }
        for (String file : files) {
          to.copyFrom(from, file, file, IOContext.DEFAULT);
        }
        to.sync(files);
        to.syncMetaData();
        return commit.getGeneration();
      } catch (IndexNotFoundException e) {
        throw new IllegalArgumentException(
            "no knowledge-base index at " + source.toAbsolutePath() + ": " + e.getMessage(), e);
      } catch (NoSuchFileException | FileNotFoundException e) {
        last = e; // a newer commit removed a file of the one being copied: copy that one
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy the index " + source, e);
      }
    }
    throw new UncheckedIOException(
        "the index at " + source + " kept changing while it was copied", last);
  }
}
