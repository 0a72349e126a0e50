package io.streamdesk.generation.llm.openai;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads Server-Sent Events as the WHATWG spec frames them: an event is the {@code data:} lines
 * before a blank line (joined by newlines); comment lines ({@code :keep-alive}) and other fields
 * ({@code event:}, {@code id:}, {@code retry:}) are skipped.
 */
final class SseReader {

  /** Called before every blocking read, so a watchdog can time out a silent server. */
  interface ReadListener {
    void beforeRead();
  }

  private final BufferedReader reader;
  private final ReadListener listener;

  SseReader(BufferedReader reader, ReadListener listener) {
    this.reader = reader;
    this.listener = listener;
  }

  /** The data of the next event, or null at the end of the stream. */
  String next() throws IOException {
    StringBuilder data = null;
    while (true) {
      listener.beforeRead();
      String line = reader.readLine();
      if (line == null) {
        return data == null ? null : data.toString();
      }
      if (line.isEmpty()) {
        if (data != null) {
          return data.toString();
        }
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("data")) {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
    }
  }
}
