package io.streamdesk.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local stack's chat-session key ({@code ingest.web.session-secret}), kept in {@code
 * <data-dir>/web-session.secret} (owner-only) so that a restarted stack still accepts the session
 * cookies of its chat pages and customers keep their conversations. Created at the first start.
 */
final class WebSessionSecret {

  static final String FILE = "web-session.secret";

  private WebSessionSecret() {}

  /** The stored key, or a new random one (256 bits, hex) written there first. */
  static String readOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(dataDir);
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(file); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
          return read(file); // another start won the race
        }
        Files.writeString(file, HexFormat.of().formatHex(key), StandardCharsets.US_ASCII);
      }
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the chat-session key " + file, e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII).strip();
  }
}
