package io.streamdesk.intent.policy;

import com.github.houbb.sensitive.word.api.IWordTag;
import com.github.houbb.sensitive.word.support.deny.WordDenys;
import com.github.houbb.sensitive.word.support.tag.WordTags;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of the sensitive-word library's own dictionary (about 64,000 Chinese entries, gathered
 * from the web) to use, and under which categories.
 *
 * <p>The library tags about two thirds of its entries with a numeric class. They map to our
 * categories as follows: {@code 0 政治 → politics}, {@code 1 毒品 → drugs}, {@code 2 色情 → porn} (which
 * also holds many insults such as 傻逼), {@code 3 赌博 → gambling}, {@code 4 违法 → illegal}. The
 * untagged third is noisy for a shop (上门, 内衣, 代购, 兼职, chicken, duck ...) and goes to the {@code
 * builtin} category only with {@link #ALL}.
 *
 * <p>Measured on SMP2017-ECDT (2,299 ordinary Chinese utterances), {@link #TAGGED} flagged 2.2% of
 * the messages, nearly all wrongly: 中央 (中央电视台) and 军事 as politics, 冰糖 as drugs, 双色球 and 找女朋友 as
 * porn. The shipped lists alone flagged 0.13% (real insults). Hence the default is {@link #NONE};
 * platforms under content regulation can opt in and extend {@code allow.txt}.
 */
public enum BuiltInDictionary {
  /** Only the configured word lists. */
  NONE,
  /** The library's tagged entries, under politics, drugs, porn, gambling and illegal. */
  TAGGED,
  /** Tagged entries as above, and the untagged ones under {@code builtin}. */
  ALL;

  /** Category of the untagged entries under {@link #ALL}. */
  public static final String UNTAGGED_CATEGORY = "builtin";

  private static final Map<String, String> TAG_CATEGORIES =
      Map.of("0", "politics", "1", "drugs", "2", "porn", "3", "gambling", "4", "illegal");

  /** The library's entries this option selects, as word lists. Cached: loading takes a second. */
  public WordLists words() {
    return switch (this) {
      case NONE -> WordLists.empty();
      case TAGGED -> Loaded.TAGGED;
      case ALL -> Loaded.ALL;
    };
  }

  /** Loaded on first use of TAGGED or ALL, once per JVM. */
  private static final class Loaded {
    static final WordLists TAGGED;
    static final WordLists ALL;

    static {
      List<String> words = WordDenys.defaults().deny();
      IWordTag tags = WordTags.system();
      Map<String, Set<String>> byCategory = new LinkedHashMap<>();
      Set<String> untagged = new LinkedHashSet<>();
      for (String word : words) {
        Set<String> codes = tags.getTag(word);
        boolean tagged = false;
        if (codes != null) {
          for (String code : codes) {
            String category = TAG_CATEGORIES.get(code.strip());
            if (category != null) {
              byCategory.computeIfAbsent(category, k -> new LinkedHashSet<>()).add(word);
              tagged = true;
            }
          }
        }
        if (!tagged) {
          untagged.add(word);
        }
      }
      TAGGED = WordLists.of(byCategory, Set.of());
      Map<String, Set<String>> all = new LinkedHashMap<>(byCategory);
      all.put(UNTAGGED_CATEGORY, untagged);
      ALL = WordLists.of(all, Set.of());
    }
  }
}
