package io.streamdesk.generation.reply;

import java.util.Locale;

/** The reply languages the worker writes its own words in: Chinese, and English for the rest. */
public final class Languages {

  private Languages() {}

  /** True for zh, zh-CN, zh-Hans, ...; everything else is answered in English. */
  public static boolean isChinese(String language) {
    return language != null && language.trim().toLowerCase(Locale.ROOT).startsWith("zh");
  }
}
