package io.streamdesk.ingest.admin;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the operations page's admin key and the {@code ingest.admin.key-hash} value that stores
 * only its hash. Prints one JSON object: the key (enter it once in the /admin page; it is not
 * stored) and the hash for the connector's configuration.
 */
@Command(
    name = "ingest-admin-key",
    mixinStandardHelpOptions = true,
    description = {
      "Make the /admin page's key and its ingest.admin.key-hash value (JSON on stdout).",
      "With --stdin the key is read from standard input instead of generated."
    })
public final class AdminKeyCommand implements Callable<Integer> {

  /** Shortest key accepted from standard input: the page guards operational data. */
  static final int MIN_KEY_LENGTH = 20;

  @Option(names = "--stdin", description = "Hash a key read from standard input.")
  boolean fromStdin;

  @Override
  public Integer call() throws Exception {
    String key;
    if (fromStdin) {
      var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null || line.strip().length() < MIN_KEY_LENGTH) {
        System.err.println("give a key of at least " + MIN_KEY_LENGTH + " characters on stdin");
        return 2;
      }
      key = line.strip();
    } else {
      key = AdminKey.generate();
    }
    String hash = AdminKey.of(key).format();
    Map<String, String> out = new LinkedHashMap<>();
    if (!fromStdin) {
      out.put("key", key);
    }
    out.put("keyHash", hash);
    out.put("config", "ingest.admin.key-hash=" + hash);
    System.out.println(JsonMapper.builder().build().writeValueAsString(out));
    return 0;
  }
}
