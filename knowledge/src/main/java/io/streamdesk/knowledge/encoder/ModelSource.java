package io.streamdesk.knowledge.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a model's ONNX graph and Hugging Face {@code tokenizer.json} are read from. */
public sealed interface ModelSource {

  /** The ONNX graph's bytes. */
  byte[] readModel() throws IOException;

  /** An open stream on {@code tokenizer.json}; the caller closes it. */
  InputStream openTokenizer() throws IOException;

  /** Where it comes from, for logs and error messages. */
  String describe();

  /**
   * Resources on the classpath, as the langchain4j model jars ship them: {@code <name>.onnx} and
   * {@code <name>-tokenizer.json} at the jar's root.
   *
   * @param artifact the Maven coordinates that provide the resources, named in the error when they
   *     are missing
   */
  record Classpath(String modelResource, String tokenizerResource, String artifact)
      implements ModelSource {

    @Override
    public byte[] readModel() throws IOException {
      try (InputStream in = open(modelResource)) {
        return in.readAllBytes();
      }
    }

    @Override
    public InputStream openTokenizer() throws IOException {
      return open(tokenizerResource);
    }

    private InputStream open(String resource) throws IOException {
      InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new IOException(
            "classpath resource '" + resource + "' not found: add the dependency " + artifact);
      }
      return in;
    }

    @Override
    public String describe() {
      return "classpath:" + modelResource + " (" + artifact + ")";
    }
  }

  /** A directory holding {@code model.onnx} and {@code tokenizer.json}. */
  record Directory(Path path) implements ModelSource {

    @Override
    public byte[] readModel() throws IOException {
      return Files.readAllBytes(require("model.onnx"));
    }

    @Override
    public InputStream openTokenizer() throws IOException {
      return Files.newInputStream(require("tokenizer.json"));
    }

    private Path require(String file) throws IOException {
      Path p = path.resolve(file);
      if (!Files.isRegularFile(p)) {
        throw new IOException("model directory " + path + " has no " + file);
      }
      return p;
    }

    @Override
    public String describe() {
      return path.toString();
    }
  }
}
