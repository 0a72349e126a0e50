package io.streamdesk.intent.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Weighted phrases of angry complaints, in the format of {@code policy/complaint-lexicon.txt}: one
 * {@code <weight> <kind> <phrase>} per line, {@code #} comments. Matching is case-insensitive;
 * phrases that start or end with a Latin letter or digit only match at word boundaries, so {@code
 * 12315} does not fire inside an order number and {@code scam} not inside {@code scampi}.
 */
public final class ComplaintLexicon {

  /** What a phrase threatens, which decides the handoff priority. */
  public enum Kind {
    /** Strong negative wording. */
    NEGATIVE,
    /** Lawyers, courts, police. */
    LEGAL,
    /** Consumer bodies and regulators (12315, 消协, BBB). */
    REGULATOR,
    /** Going public (media, social networks). */
    MEDIA
  }

  /** One lexicon phrase. */
  public record Entry(String phrase, int weight, Kind kind) {}

  /** A phrase found in a text. */
  public record Match(Entry entry, int start, int end) {}

  static final String DEFAULT_RESOURCE = "policy/complaint-lexicon.txt";

  // A bare 不 is not a negation of the phrase: 不退钱 ("won't refund") is the complaint itself.
  private static final Pattern NEGATION_ZH = Pattern.compile("(?:不是|不算|并不是|并没有|没有|不会|不想|不打算)$");
  private static final Pattern NEGATION_EN =
      Pattern.compile(
          "\\b(?:not|never|no|(?:is|was|are|do|does|did|wo|ca)n['’]?t)\\s+(?:\\S+\\s+){0,2}$",
          Pattern.CASE_INSENSITIVE);

  private final List<Entry> entries;
  private final PhraseTrie<Entry> trie;

  private ComplaintLexicon(List<Entry> entries) {
    if (entries.isEmpty()) {
      throw new WordListException("the complaint lexicon has no entries");
    }
    this.entries = List.copyOf(entries);
    Map<String, Entry> byPhrase = new LinkedHashMap<>();
    entries.forEach(e -> byPhrase.put(e.phrase(), e));
    this.trie = PhraseTrie.of(byPhrase);
  }

  /** The lexicon shipped on the classpath. */
  public static ComplaintLexicon defaults() {
    try (InputStream in =
        ComplaintLexicon.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new WordListException(DEFAULT_RESOURCE + " is not on the classpath");
      }
      return new ComplaintLexicon(parse(DEFAULT_RESOURCE, in));
    } catch (IOException e) {
      throw new WordListException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /** The defaults plus the entries of {@code files}. */
  public static ComplaintLexicon defaultsAnd(List<Path> files) {
    List<Entry> all = new ArrayList<>(defaults().entries);
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        all.addAll(parse(file.toString(), in));
      } catch (IOException e) {
        throw new WordListException("cannot read complaint lexicon " + file + ": " + e, e);
      }
    }
    return new ComplaintLexicon(all);
  }

  public static ComplaintLexicon of(List<Entry> entries) {
    return new ComplaintLexicon(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Non-negated phrases in {@code text}, leftmost-longest, not overlapping. */
  public List<Match> find(String text) {
    List<PhraseTrie.Hit<Entry>> hits = trie.find(text);
    if (hits.isEmpty()) {
      return List.of();
    }
    List<Match> found = new ArrayList<>(hits.size());
    for (PhraseTrie.Hit<Entry> hit : hits) {
      if (!isNegated(text, hit.start())) {
        found.add(new Match(hit.value(), hit.start(), hit.end()));
      }
    }
    return found;
  }

  private static boolean isNegated(String text, int start) {
    int from = Math.max(0, start - 24);
    return NEGATION_ZH.matcher(text).region(from, start).find()
        || NEGATION_EN.matcher(text).region(from, start).useTransparentBounds(true).find();
  }

  private static List<Entry> parse(String source, InputStream in) throws IOException {
    List<Entry> entries = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      String s = line.replace("\uFEFF", "").strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      String[] parts = s.split("\\s+", 3);
      if (parts.length < 3) {
        throw new WordListException(
            source + ":" + lineNo + ": expected '<weight> <kind> <phrase>'");
      }
      int weight;
      try {
        weight = Integer.parseInt(parts[0]);
      } catch (NumberFormatException e) {
        throw new WordListException(
            source + ":" + lineNo + ": weight '" + parts[0] + "' is not a number");
      }
      if (weight < 1 || weight > 5) {
        throw new WordListException(source + ":" + lineNo + ": weight must be 1..5, was " + weight);
      }
      Kind kind;
      try {
        kind = Kind.valueOf(parts[1].toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new WordListException(
            source
                + ":"
                + lineNo
                + ": kind '"
                + parts[1]
                + "' is not one of NEGATIVE, LEGAL, REGULATOR, MEDIA");
      }
      entries.add(new Entry(parts[2].strip(), weight, kind));
    }
    return entries;
  }
}
