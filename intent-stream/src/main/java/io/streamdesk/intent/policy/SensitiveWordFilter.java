package io.streamdesk.intent.policy;

import com.github.houbb.sensitive.word.api.IWordContext;
import com.github.houbb.sensitive.word.api.IWordFormat;
import com.github.houbb.sensitive.word.api.IWordResult;
import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.bs.SensitiveWordContext;
import com.github.houbb.sensitive.word.support.allow.WordAllows;
import com.github.houbb.sensitive.word.support.format.WordFormats;
import com.github.houbb.sensitive.word.support.result.WordResultHandlers;
import com.github.houbb.sensitive.word.support.resultcondition.WordResultConditions;
import com.github.houbb.sensitive.word.support.tag.WordTags;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sensitive-word filtering with houbb's sensitive-word library (DFA matching): finds deny words of
 * every category, masks them with {@code *}, and reports per category the configured action (MASK,
 * REFUSE, HANDOFF) and the number of words. Allow words override deny words.
 *
 * <p>Matching ignores case, full/half width and traditional/simplified Chinese (繁體 matches 简体);
 * English entries match whole words only ({@code sex} does not fire on {@code sexy}, {@code ass}
 * not on {@code class}). The library's own number, e-mail, URL and IPv4 checks are off: personal
 * data is the PII masker's job, and masking every long number would hide order numbers.
 * Placeholders such as {@code [PHONE_1]} are never matched.
 *
 * <p>One library instance holds the words of all categories, so a clean message costs one scan
 * whatever the number of categories; a hit is attributed to its categories through a map from the
 * word's folded form.
 *
 * <p>Thread-safe after construction; construct once (loading the built-in dictionary takes about
 * two seconds).
 */
public final class SensitiveWordFilter {

  /** Category of a hit whose word cannot be traced back to a list (should not happen). */
  public static final String UNCATEGORISED = "uncategorised";

  /** Same folding as the matcher below: case, width, traditional/simplified, English styles. */
  private static final IWordFormat FOLD =
      WordFormats.chains(
          WordFormats.ignoreEnglishStyle(),
          WordFormats.ignoreChineseStyle(),
          WordFormats.ignoreCase(),
          WordFormats.ignoreWidth());

  private static final IWordContext FOLD_CONTEXT = SensitiveWordContext.newInstance();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z][A-Z_]*_\\d+]");

  private final SensitiveWordConfig config;
  private final List<String> categories;
  private final List<CategoryPolicy> policies;
  private final Map<String, int[]> categoriesByFoldedWord;
  private final SensitiveWordBs matcher;

  /** Loads the built-in dictionary, the default lists and the configured files. */
  public SensitiveWordFilter(SensitiveWordConfig config) {
    this(config, loadLists(config));
  }

  /** Uses exactly {@code lists} (the configuration's list settings are ignored). */
  public SensitiveWordFilter(SensitiveWordConfig config, WordLists lists) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(lists, "lists");
    this.categories = new ArrayList<>(lists.deny().keySet());
    if (!categories.contains(UNCATEGORISED)) {
      categories.add(UNCATEGORISED);
    }
    this.policies = categories.stream().map(config::policyFor).toList();
    this.categoriesByFoldedWord = indexWords(lists, categories);
    this.matcher =
        categoriesByFoldedWord.isEmpty()
            ? null
            : buildMatcher(lists, config.builtInDictionary() != BuiltInDictionary.NONE);
  }

  /** Every category with words, and {@link #UNCATEGORISED}. */
  public List<String> categories() {
    return List.copyOf(categories);
  }

  public CategoryPolicy policyFor(String category) {
    return config.policyFor(category);
  }

  /** Finds and masks sensitive words in {@code text}. */
  public PolicyScan scan(String text) {
    Objects.requireNonNull(text, "text");
    if (matcher == null || text.isEmpty()) {
      return new PolicyScan(text, List.of());
    }
    List<IWordResult> results = matcher.findAll(text, WordResultHandlers.raw());
    if (results.isEmpty()) {
      return new PolicyScan(text, List.of());
    }
    List<int[]> placeholders = placeholderSpans(text);
    int[] counts = new int[categories.size()];
    BitSet masked = new BitSet(text.length());
    for (IWordResult r : results) {
      if (overlapsAny(r.startIndex(), r.endIndex(), placeholders)) {
        continue;
      }
      int[] hitCategories = categoriesByFoldedWord.get(fold(text, r.startIndex(), r.endIndex()));
      if (hitCategories == null) {
        counts[categories.indexOf(UNCATEGORISED)]++;
      } else {
        for (int c : hitCategories) {
          counts[c]++;
        }
      }
      masked.set(r.startIndex(), r.endIndex());
    }
    List<CategoryHit> hits = new ArrayList<>(2);
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0) {
        CategoryPolicy p = policies.get(c);
        hits.add(new CategoryHit(categories.get(c), p.action(), p.priority(), counts[c]));
      }
    }
    return new PolicyScan(hits.isEmpty() ? text : star(text, masked), hits);
  }

  private static WordLists loadLists(SensitiveWordConfig config) {
    WordLists lists = config.builtInDictionary().words();
    if (config.includeDefaultLists()) {
      lists = lists.merge(WordLists.defaults());
    }
    if (!config.wordListPaths().isEmpty()) {
      lists = lists.merge(WordLists.load(config.wordListPaths()));
    }
    return lists;
  }

  private static Map<String, int[]> indexWords(WordLists lists, List<String> categories) {
    Map<String, Set<Integer>> index = new HashMap<>();
    lists
        .deny()
        .forEach(
            (category, words) -> {
              int c = categories.indexOf(category);
              for (String word : words) {
                index
                    .computeIfAbsent(fold(word, 0, word.length()), k -> new LinkedHashSet<>())
                    .add(c);
              }
            });
    Map<String, int[]> result = new HashMap<>(index.size() * 2);
    index.forEach((k, v) -> result.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return result;
  }

  private static SensitiveWordBs buildMatcher(WordLists lists, boolean withLibraryAllowList) {
    List<String> deny = new ArrayList<>();
    lists.deny().values().forEach(deny::addAll);
    List<String> allow = List.copyOf(lists.allow());
    return SensitiveWordBs.newInstance()
        .wordDeny(() -> deny)
        .wordAllow(
            withLibraryAllowList
                ? WordAllows.chains(WordAllows.defaults(), () -> allow)
                : () -> allow)
        .wordTag(WordTags.none())
        .ignoreCase(true)
        .ignoreWidth(true)
        .ignoreChineseStyle(true)
        .ignoreEnglishStyle(true)
        // Digit styles (①/一 → 1) and repeats (傻傻傻逼) stay off: they cost false positives.
        .ignoreNumStyle(false)
        .ignoreRepeat(false)
        .enableWordCheck(true)
        .enableNumCheck(false)
        .enableEmailCheck(false)
        .enableUrlCheck(false)
        .enableIpv4Check(false)
        .wordResultCondition(WordResultConditions.englishWordMatch())
        .init();
  }

  private static String fold(String text, int start, int end) {
    char[] chars = new char[end - start];
    for (int i = start; i < end; i++) {
      chars[i - start] = FOLD.format(text.charAt(i), FOLD_CONTEXT);
    }
    return new String(chars);
  }

  private static List<int[]> placeholderSpans(String text) {
    if (text.indexOf('[') < 0) {
      return List.of();
    }
    List<int[]> spans = new ArrayList<>(2);
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    return spans;
  }

  private static boolean overlapsAny(int start, int end, List<int[]> spans) {
    for (int[] s : spans) {
      if (start < s[1] && s[0] < end) {
        return true;
      }
    }
    return false;
  }

  private static String star(String text, BitSet masked) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      out.appendCodePoint(masked.get(i) ? '*' : cp);
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
