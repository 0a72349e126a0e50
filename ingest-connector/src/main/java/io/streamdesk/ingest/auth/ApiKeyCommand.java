package io.streamdesk.ingest.auth;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Makes an API key for a channel and the {@code ingest.api-keys} entry that stores only its hash.
 * Prints one JSON object: the key (give it to the channel's integrator once; it is not stored) and
 * the entry (put it in the connector's configuration).
 */
@Command(
    name = "ingest-key",
    mixinStandardHelpOptions = true,
    description = {
      "Make an API key for a channel and the hashed ingest.api-keys entry (JSON on stdout).",
      "With --stdin the key is read from standard input instead of generated."
    })
public final class ApiKeyCommand implements Callable<Integer> {

  @Option(
      names = "--channel",
      required = true,
      description = "Channel the key speaks for (a-z, 0-9, '_', '-').")
  String channel;

  @Option(names = "--stdin", description = "Hash a key read from standard input.")
  boolean fromStdin;

  @Override
  public Integer call() throws Exception {
    String key;
    if (fromStdin) {
      var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null || line.isBlank()) {
        System.err.println("no key on standard input");
        return 2;
      }
      key = line.strip();
    } else {
      key = ApiKeys.generate();
    }
    ApiKeyEntry entry;
    try {
      entry = ApiKeyEntry.of(channel, key);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("channel", channel);
    if (!fromStdin) {
      out.put("key", key);
    }
    out.put("entry", entry.format());
    System.out.println(new tools.jackson.databind.json.JsonMapper().writeValueAsString(out));
    return 0;
  }
}
