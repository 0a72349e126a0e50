package io.streamdesk.intent.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Saves and loads intent models as versioned directories:
 *
 * <pre>
 * ROOT/                          the store root (watched by {@link IntentModelStore})
 *   en/                          one directory per language
 *     20250101T120000Z-1a2b3c4d/ one directory per version (UTC training time - weights hash)
 *       metadata.json            {@link IntentModelMetadata} + "weightsSha256"
 *       weights.bin              little-endian: int magic, int format, int classes, int dimension,
 *                                then float64 mean[d], scale[d], weights[d * classes] (feature-major),
 *                                bias[classes]
 * </pre>
 *
 * A version is written into a hidden temporary directory and renamed into place in one step, so a
 * watcher never sees half a model. Loading checks the weights' hash, their shape against the
 * metadata, and that the model was trained on the expected encoder.
 */
public final class IntentModelArtefacts {

  public static final String METADATA = "metadata.json";
  public static final String WEIGHTS = "weights.bin";
  private static final int MAGIC = 0x5344494d; // "SDIM"
  private static final String WEIGHTS_SHA256 = "weightsSha256";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private IntentModelArtefacts() {}

  /**
   * Writes {@code model} to {@code root/<language>/<version>/}.
   *
   * @return the version directory
   */
  public static Path save(IntentModel model, Path root) throws IOException {
    IntentModelMetadata meta = model.metadata();
    Path languageDir = root.resolve(meta.language());
    Files.createDirectories(languageDir);
    Path target = languageDir.resolve(meta.version());
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "model version exists");
    }
    Path tmp = Files.createTempDirectory(languageDir, ".incoming-");
    try {
      byte[] weights = encodeWeights(model);
      Files.write(tmp.resolve(WEIGHTS), weights);
      ObjectNode json = JSON.valueToTree(meta);
      json.put(WEIGHTS_SHA256, IntentDataReader.sha256(weights));
      JSON.writeValue(tmp.resolve(METADATA).toFile(), json);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
      return target;
    } finally {
      deleteRecursively(tmp);
    }
  }

  /**
   * Loads the model in a version directory.
   *
   * @param expectedEncoderModelId the encoder whose vectors the model will receive, or {@code null}
   *     to accept any
   * @throws IntentModelException when the artefact is incomplete, corrupt, or trained on another
   *     encoder
   */
  public static IntentModel load(Path versionDir, String expectedEncoderModelId) {
    IntentModelMetadata meta;
    byte[] weights;
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(versionDir.resolve(METADATA).toFile());
      String expectedHash = json.path(WEIGHTS_SHA256).asText(null);
      json.remove(WEIGHTS_SHA256);
      meta = JSON.treeToValue(json, IntentModelMetadata.class);
      weights = Files.readAllBytes(versionDir.resolve(WEIGHTS));
      if (expectedHash == null || !expectedHash.equals(IntentDataReader.sha256(weights))) {
        throw new IntentModelException(
            versionDir + ": " + WEIGHTS + " does not match the hash in " + METADATA);
      }
    } catch (IOException | ClassCastException | IllegalArgumentException e) {
      throw new IntentModelException(versionDir + ": unreadable model artefact: " + e, e);
    }
    if (expectedEncoderModelId != null && !expectedEncoderModelId.equals(meta.encoderModelId())) {
      throw new IntentModelException(
          versionDir
              + ": model was trained on encoder '"
              + meta.encoderModelId()
              + "' but messages are embedded with '"
              + expectedEncoderModelId
              + "'; retrain it with that encoder");
    }
    try {
      return decodeWeights(meta, weights);
    } catch (RuntimeException e) {
      throw new IntentModelException(
          versionDir + ": corrupt " + WEIGHTS + ": " + e.getMessage(), e);
    }
  }

  private static byte[] encodeWeights(IntentModel model) {
    SoftmaxRegression r = model.regression();
    int d = r.dimension();
    int k = r.classes();
    ByteBuffer buf =
        ByteBuffer.allocate(16 + 8 * (2 * d + d * k + k)).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(MAGIC).putInt(IntentModelMetadata.FORMAT_VERSION).putInt(k).putInt(d);
    for (double v : model.scaler().mean()) {
      buf.putDouble(v);
    }
    for (double v : model.scaler().scale()) {
      buf.putDouble(v);
    }
    for (double v : r.weights()) {
      buf.putDouble(v);
    }
    for (double v : r.bias()) {
      buf.putDouble(v);
    }
    return buf.array();
  }

  private static IntentModel decodeWeights(IntentModelMetadata meta, byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 16 || buf.getInt() != MAGIC) {
      throw new IllegalArgumentException("not an intent model weights file");
    }
    int format = buf.getInt();
    int k = buf.getInt();
    int d = buf.getInt();
    if (format != IntentModelMetadata.FORMAT_VERSION
        || k != meta.labels().size()
        || d != meta.dimension()) {
      throw new IllegalArgumentException(
          "weights are format "
              + format
              + ", "
              + k
              + " classes x "
              + d
              + " dimensions; metadata"
              + " says "
              + meta.labels().size()
              + " x "
              + meta.dimension());
    }
    if (buf.remaining() != 8 * (2 * d + d * k + k)) {
      throw new IllegalArgumentException("weights file has the wrong length");
    }
    double[] mean = doubles(buf, d);
    double[] scale = doubles(buf, d);
    double[] w = doubles(buf, d * k);
    double[] b = doubles(buf, k);
    return new IntentModel(meta, new FeatureScaler(mean, scale), new SoftmaxRegression(k, d, w, b));
  }

  private static double[] doubles(ByteBuffer buf, int n) {
    double[] out = new double[n];
    buf.asDoubleBuffer().get(out);
    buf.position(buf.position() + 8 * n);
    return out;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
