package io.streamdesk.intent.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Deny words by category and allow words, read from plain-text word lists.
 *
 * <p><b>Format.</b> UTF-8 text, one word or phrase per line; surrounding whitespace is trimmed;
 * blank lines and lines starting with {@code #} are ignored. The file name says what the file
 * holds:
 *
 * <ul>
 *   <li>{@code <category>.txt}: deny words of that category, for example {@code competitor.txt}.
 *       Category names are lower case: letters, digits and {@code _}, starting with a letter;
 *   <li>{@code allow.txt} or {@code allow-<anything>.txt}: allow words, which override deny words
 *       for every category. An allow phrase protects the deny words inside it: with {@code 跳楼价}
 *       allowed, {@code 跳楼价甩卖} is clean while {@code 跳楼} alone is not.
 * </ul>
 *
 * <p>Several files may name the same category: their words are merged. Matching ignores case, width
 * and traditional/simplified form; English words match whole words only.
 *
 * <p>The defaults ship in {@code intent-stream/src/main/resources/policy/} ({@link
 * #DEFAULT_RESOURCES}); users point the configuration at their own files or directories.
 */
public final class WordLists {

  /** Word lists shipped on the classpath under {@code policy/}, without the {@code .txt}. */
  public static final List<String> DEFAULT_RESOURCES =
      List.of("profanity", "violence", "self_harm", "politics", "fraud", "competitor", "allow");

  static final Pattern CATEGORY_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  private static final WordLists EMPTY = new WordLists(Map.of(), Set.of());

  private final Map<String, Set<String>> deny;
  private final Set<String> allow;

  private WordLists(Map<String, Set<String>> deny, Set<String> allow) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    deny.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    this.deny = Collections.unmodifiableMap(copy);
    this.allow = Collections.unmodifiableSet(new LinkedHashSet<>(allow));
  }

  public static WordLists empty() {
    return EMPTY;
  }

  /** Builds lists in code, for example from a database. */
  public static WordLists of(Map<String, ? extends Set<String>> deny, Set<String> allow) {
    deny.keySet().forEach(c -> requireCategoryName(c, "WordLists.of"));
    return new WordLists(Map.copyOf(deny), allow);
  }

  /** The lists shipped in {@code policy/} on the classpath. */
  public static WordLists defaults() {
    Builder builder = new Builder();
    for (String name : DEFAULT_RESOURCES) {
      String resource = "policy/" + name + ".txt";
      try (InputStream in = WordLists.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new WordListException("default word list " + resource + " is not on the classpath");
        }
        builder.read(resource, name, reader(in));
      } catch (IOException e) {
        throw new WordListException("cannot read default word list " + resource, e);
      }
    }
    return builder.build();
  }

  /**
   * Reads word-list files; a directory contributes every {@code *.txt} file in it, in name order.
   *
   * @throws WordListException naming the path (and line) that is missing, unreadable or invalid
   */
  public static WordLists load(List<Path> paths) {
    Builder builder = new Builder();
    for (Path path : paths) {
      for (Path file : filesOf(path)) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".txt".length());
        try (InputStream in = Files.newInputStream(file)) {
          builder.read(file.toString(), name, reader(in));
        } catch (IOException e) {
          throw new WordListException("cannot read word list " + file + ": " + e.getMessage(), e);
        }
      }
    }
    return builder.build();
  }

  /** These lists plus {@code other}'s: words of the same category are merged. */
  public WordLists merge(WordLists other) {
    Builder builder = new Builder();
    builder.addAll(this);
    builder.addAll(other);
    return builder.build();
  }

  /** Deny words by category, categories in the order first seen. */
  public Map<String, Set<String>> deny() {
    return deny;
  }

  public Set<String> allow() {
    return allow;
  }

  private static List<Path> filesOf(Path path) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.list(path)) {
        return files
            .filter(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new WordListException("cannot list word-list directory " + path, e);
      }
    }
    if (!Files.isRegularFile(path)) {
      throw new WordListException("word list " + path + " does not exist or is not a file");
    }
    if (!path.getFileName().toString().endsWith(".txt")) {
      throw new WordListException(
          "word list " + path + " must be named <category>.txt or allow.txt");
    }
    return List.of(path);
  }

  private static Reader reader(InputStream in) {
    // Strict UTF-8: a list saved as GBK fails loudly instead of loading mojibake that never
    // matches.
    return new InputStreamReader(
        in,
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  private static boolean isAllowList(String name) {
    return name.equals("allow") || name.startsWith("allow-");
  }

  private static void requireCategoryName(String name, String source) {
    if (!CATEGORY_NAME.matcher(name).matches()) {
      throw new WordListException(
          source
              + ": category '"
              + name
              + "' must be lower case letters, digits and _, starting with a letter (max 40)");
    }
  }

  private static final class Builder {
    private final Map<String, Set<String>> deny = new LinkedHashMap<>();
    private final Set<String> allow = new LinkedHashSet<>();

    void read(String source, String name, Reader reader) throws IOException {
      boolean allowList = isAllowList(name.toLowerCase(Locale.ROOT));
      if (!allowList) {
        requireCategoryName(name, source);
      }
      Set<String> target =
          allowList ? allow : deny.computeIfAbsent(name, k -> new LinkedHashSet<>());
      List<String> lines = new ArrayList<>();
      try (BufferedReader br = new BufferedReader(reader)) {
        String line;
        while ((line = br.readLine()) != null) {
          lines.add(line);
        }
      } catch (CharacterCodingException e) {
        throw new WordListException(source + " is not valid UTF-8", e);
      }
      for (int i = 0; i < lines.size(); i++) {
        String word = lines.get(i).replace("\uFEFF", "").strip();
        if (word.isEmpty() || word.startsWith("#")) {
          continue;
        }
        if (word.length() > 64) {
          throw new WordListException(
              source + ":" + (i + 1) + ": entries are words or short phrases (at most 64 chars)");
        }
        target.add(word);
      }
    }

    void addAll(WordLists lists) {
      lists.deny.forEach(
          (c, words) -> deny.computeIfAbsent(c, k -> new LinkedHashSet<>()).addAll(words));
      allow.addAll(lists.allow);
    }

    WordLists build() {
      return new WordLists(deny, allow);
    }
  }
}
