package io.streamdesk.intent.policy;

import io.streamdesk.schemas.events.HandoffPriority;
import io.streamdesk.schemas.events.PolicyAction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link SensitiveWordFilter}.
 *
 * @param builtInDictionary which part of the library's own dictionary to use (default {@link
 *     BuiltInDictionary#NONE}: on ordinary utterances its tagged entries flag about 2% of Chinese
 *     messages, nearly all wrongly (中央电视台, 冰糖, 双色球); see there for the category mapping)
 * @param includeDefaultLists load the lists shipped in {@code policy/} (default true)
 * @param wordListPaths extra word-list files or directories in the {@link WordLists} format
 *     (default none)
 * @param categoryPolicies policy per category; categories not named here get {@code defaultPolicy}.
 *     Defaults: {@link #DEFAULT_POLICIES}
 * @param defaultPolicy policy of unnamed categories (default MASK)
 */
public record SensitiveWordConfig(
    BuiltInDictionary builtInDictionary,
    boolean includeDefaultLists,
    List<Path> wordListPaths,
    Map<String, CategoryPolicy> categoryPolicies,
    CategoryPolicy defaultPolicy) {

  /**
   * profanity MASK; violence HANDOFF:HIGH; self_harm HANDOFF:URGENT; politics, fraud, drugs,
   * gambling, illegal REFUSE; competitor and porn MASK.
   */
  public static final Map<String, CategoryPolicy> DEFAULT_POLICIES = defaultPolicies();

  public SensitiveWordConfig {
    Objects.requireNonNull(builtInDictionary, "builtInDictionary");
    Objects.requireNonNull(wordListPaths, "wordListPaths");
    Objects.requireNonNull(categoryPolicies, "categoryPolicies");
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    wordListPaths = List.copyOf(wordListPaths);
    categoryPolicies.keySet().forEach(SensitiveWordConfig::requireCategoryName);
    categoryPolicies = Map.copyOf(categoryPolicies);
  }

  public static SensitiveWordConfig defaults() {
    return new SensitiveWordConfig(
        BuiltInDictionary.NONE,
        true,
        List.of(),
        DEFAULT_POLICIES,
        CategoryPolicy.of(PolicyAction.MASK));
  }

  /** The policy of {@code category}. */
  public CategoryPolicy policyFor(String category) {
    return categoryPolicies.getOrDefault(category, defaultPolicy);
  }

  public SensitiveWordConfig withBuiltInDictionary(BuiltInDictionary builtIn) {
    return new SensitiveWordConfig(
        builtIn, includeDefaultLists, wordListPaths, categoryPolicies, defaultPolicy);
  }

  public SensitiveWordConfig withWordListPaths(List<Path> paths) {
    return new SensitiveWordConfig(
        builtInDictionary, includeDefaultLists, paths, categoryPolicies, defaultPolicy);
  }

  /** These policies with {@code category} set to {@code policy}. */
  public SensitiveWordConfig withPolicy(String category, CategoryPolicy policy) {
    Map<String, CategoryPolicy> policies = new LinkedHashMap<>(categoryPolicies);
    policies.put(category, policy);
    return new SensitiveWordConfig(
        builtInDictionary, includeDefaultLists, wordListPaths, policies, defaultPolicy);
  }

  private static void requireCategoryName(String category) {
    if (!WordLists.CATEGORY_NAME.matcher(category).matches()) {
      throw new IllegalArgumentException(
          "policy category '"
              + category
              + "' must be lower case letters, digits and _, starting with a letter (max 40)");
    }
  }

  private static Map<String, CategoryPolicy> defaultPolicies() {
    Map<String, CategoryPolicy> p = new LinkedHashMap<>();
    p.put("profanity", CategoryPolicy.of(PolicyAction.MASK));
    p.put("porn", CategoryPolicy.of(PolicyAction.MASK));
    p.put("competitor", CategoryPolicy.of(PolicyAction.MASK));
    p.put("violence", new CategoryPolicy(PolicyAction.HANDOFF, HandoffPriority.HIGH));
    p.put("self_harm", new CategoryPolicy(PolicyAction.HANDOFF, HandoffPriority.URGENT));
    p.put("politics", CategoryPolicy.of(PolicyAction.REFUSE));
    p.put("fraud", CategoryPolicy.of(PolicyAction.REFUSE));
    p.put("drugs", CategoryPolicy.of(PolicyAction.REFUSE));
    p.put("gambling", CategoryPolicy.of(PolicyAction.REFUSE));
    p.put("illegal", CategoryPolicy.of(PolicyAction.REFUSE));
    return Map.copyOf(p);
  }
}
