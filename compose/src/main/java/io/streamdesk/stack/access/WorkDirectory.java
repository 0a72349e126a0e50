package io.streamdesk.stack.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary folder a tool owns (Streams state, index snapshot, a stack's data), removed on close.
 */
public final class WorkDirectory implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WorkDirectory.class);

  private final Path path;
  private final boolean keep;

  private WorkDirectory(Path path, boolean keep) {
    this.path = path;
    this.keep = keep;
  }

  /** A fresh folder under the system's temporary folder. */
  public static WorkDirectory create(String prefix, boolean keep) {
    try {
      return new WorkDirectory(Files.createTempDirectory(prefix), keep);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
  }

  public Path path() {
    return path;
  }

  public Path resolve(String child) {
    return path.resolve(child);
  }

  /** Deletes the folder and everything in it, unless it is to be kept; never throws. */
  @Override
  public void close() {
    if (keep) {
      log.info("kept {}", path);
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(WorkDirectory::deleteQuietly);
    } catch (IOException e) {
      log.warn("could not remove {}: {}", path, e.toString());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("could not remove {}: {}", file, e.toString());
    }
  }
}
