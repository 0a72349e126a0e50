package io.streamdesk.generation.llm.onnx;

import java.nio.file.Path;

/** A model directory that is missing files, unreadable, or describes an unsupported model. */
public final class ModelDirectoryException extends RuntimeException {

  public ModelDirectoryException(Path dir, String message) {
    this(dir, message, null);
  }

  public ModelDirectoryException(Path dir, String message, Throwable cause) {
    super("model directory " + dir + ": " + message, cause);
  }
}
