package io.streamdesk.generation.guard;

import io.streamdesk.generation.llm.extractive.TextTerms;
import io.streamdesk.generation.reply.Draft;
import io.streamdesk.generation.reply.Languages;
import io.streamdesk.schemas.events.Passage;
import io.streamdesk.schemas.events.ReplyAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Checks every reply before a customer sees it. While it streams, a {@link Redactor} removes
 * citation markers and masks deny-listed words and personal data the passages do not contain. When
 * it is complete, {@link #review} decides its action: a clarifying question is CLARIFY; a model
 * answer whose terms occur in the passages (share at least {@code grounding-threshold}) is ANSWER;
 * an honest "not sure, shall I get a human agent" is FALLBACK; anything else is ungrounded and gets
 * replaced (extractive answer or hand-off). Extractive and canned drafts are grounded by
 * construction.
 */
public final class OutputGuard {

  private static final List<String> CLARIFY_EN =
      List.of(
          "could you",
          "can you provide",
          "can you share",
          "can you tell",
          "please provide",
          "please share",
          "please tell",
          "please send",
          "please confirm",
          "let me know",
          "order number",
          "which order",
          "which product",
          "do you mean");
  private static final List<String> CLARIFY_ZH =
      List.of("请提供", "请告诉", "请问您", "麻烦您", "能否提供", "可以提供", "订单号", "哪个订单", "哪一款", "您是指", "请确认");
  private static final List<String> REFUSAL_EN =
      List.of(
          "not sure",
          "don't know",
          "do not know",
          "cannot find",
          "can't find",
          "couldn't find",
          "could not find",
          "no information",
          "unable to answer",
          "human agent",
          "human colleague",
          "connect you with");
  private static final List<String> REFUSAL_ZH =
      List.of("不确定", "不清楚", "无法回答", "没有找到", "未找到", "暂时无法", "人工客服", "转人工", "转接人工");

  private final GuardSettings settings;

  public OutputGuard(GuardSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * A streaming rewriter for one reply; personal data found in {@code passages} (a shop's hotline,
   * its service e-mail) is left as it is.
   */
  public Redactor redactor(List<Passage> passages) {
    Set<String> allowed = new HashSet<>();
    for (Passage p : passages) {
      allowed.addAll(SpanFinder.personalData(passageText(p)));
    }
    return new Redactor(new SpanFinder(settings.maskPii(), settings.denyWords(), allowed));
  }

  /**
   * The action of a finished draft whose rewritten text is {@code text}.
   *
   * @param passages the request's passages, for drafts that do not number their own
   */
  public Verdict review(Draft draft, String text, String language, List<Passage> passages) {
    if (draft.source() != Draft.Source.MODEL) {
      ReplyAction action =
          draft.suggestedAction() == null ? ReplyAction.ANSWER : draft.suggestedAction();
      return Verdict.keep(action, 1.0);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    boolean zh = Languages.isChinese(language);
    if (text.isBlank()) {
      return Verdict.ungrounded(0, settings.ungroundedAction());
    }
    if (isQuestion(text) && containsAny(lower, zh ? CLARIFY_ZH : CLARIFY_EN, CLARIFY_EN)) {
      return Verdict.keep(ReplyAction.CLARIFY, support(text, draft, passages));
    }
    double support = support(text, draft, passages);
    if (settings.groundingThreshold() == 0 || support >= settings.groundingThreshold()) {
      return Verdict.keep(ReplyAction.ANSWER, support);
    }
    if (containsAny(lower, zh ? REFUSAL_ZH : REFUSAL_EN, REFUSAL_EN)) {
      return Verdict.keep(ReplyAction.FALLBACK, support);
    }
    return Verdict.ungrounded(support, settings.ungroundedAction());
  }

  /**
   * The passages a reply cites: those named by markers (numbers as in the prompt), in order of
   * first citation, numbers outside the list ignored; for a draft without numbered passages, the
   * draft's own citations.
   */
  public static List<Passage> citations(Draft draft, List<Integer> citedNumbers) {
    if (draft.numberedPassages().isEmpty()) {
      return draft.cited();
    }
    List<Passage> cited = new ArrayList<>();
    for (int n : citedNumbers) {
      if (n >= 1 && n <= draft.numberedPassages().size()) {
        Passage p = draft.numberedPassages().get(n - 1);
        if (!cited.contains(p)) {
          cited.add(p);
        }
      }
    }
    return cited;
  }

  private static double support(String text, Draft draft, List<Passage> requestPassages) {
    List<Passage> passages =
        draft.numberedPassages().isEmpty() ? requestPassages : draft.numberedPassages();
    Set<String> reference = new HashSet<>();
    passages.forEach(p -> reference.addAll(TextTerms.termSet(passageText(p))));
    return TextTerms.coverage(TextTerms.termSet(text), reference);
  }

  private static String passageText(Passage p) {
    return p.getTitle() + "\n" + p.getText() + (p.getAnswer() == null ? "" : "\n" + p.getAnswer());
  }

  private static boolean isQuestion(String text) {
    return text.indexOf('?') >= 0 || text.indexOf('？') >= 0;
  }

  private static boolean containsAny(String lower, List<String> phrases, List<String> english) {
    for (String phrase : phrases) {
      if (lower.contains(phrase)) {
        return true;
      }
    }
    // Chinese replies sometimes keep English phrases; English phrases are checked either way.
    if (phrases != english) {
      for (String phrase : english) {
        if (lower.contains(phrase)) {
          return true;
        }
      }
    }
    return false;
  }
}
