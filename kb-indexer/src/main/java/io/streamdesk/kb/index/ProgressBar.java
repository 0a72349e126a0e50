package io.streamdesk.kb.index;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * A progress bar for indexing runs on stderr: redrawn in place on a terminal ({@code [#####-----]
 * 12/40 faq.csv}); on a pipe or in CI, where carriage returns clutter logs, one line per tenth of
 * the run instead.
 */
public final class ProgressBar implements IndexListener {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean interactive;
  private int total;
  private int done;
  private int lastTenth = -1;

  public ProgressBar(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** A bar on stderr, redrawn in place when stderr looks like a terminal. */
  public static ProgressBar onStderr() {
    return new ProgressBar(System.err, isTerminal());
  }

  @Override
  public void started(int documents) {
    total = documents;
    done = 0;
  }

  @Override
  public void finished(DocumentResult result) {
    done++;
    // Deletions come after the files found: let the bar grow rather than pass 100%.
    int of = Math.max(total, done);
    if (interactive) {
      int filled = of == 0 ? WIDTH : WIDTH * done / of;
      out.printf(
          Locale.ROOT,
          "\r[%s%s] %d/%d %-40.40s",
          "#".repeat(filled),
          "-".repeat(WIDTH - filled),
          done,
          of,
          shortName(result.documentId()));
      if (done >= of) {
        out.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      }
      out.flush();
      return;
    }
    int tenth = of == 0 ? 10 : 10 * done / of;
    if (tenth != lastTenth) {
      lastTenth = tenth;
      out.printf(Locale.ROOT, "indexing: %d/%d documents%n", done, of);
    }
  }

  private static String shortName(String id) {
    int slash = id.lastIndexOf('/');
    return slash < 0 ? id : id.substring(slash + 1);
  }

  /** JDK 22+ can tell a redirected console apart (Console.isTerminal); 21 returns null then. */
  static boolean isTerminal() {
    var console = System.console();
    if (console == null || "dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) {
      return false;
    }
    try {
      Method isTerminal = java.io.Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }
}
