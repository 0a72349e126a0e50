package io.streamdesk.knowledge.index.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Picks the analyzer from the language suffix of a text field ({@code kw_text_zh} → smartcn word
 * segmentation, {@code _en} → English stop words + Porter stemming, any other → Unicode standard
 * tokenisation), so that one writer indexes every language with its own analysis and a query is
 * analysed exactly like the field it searches.
 */
public final class LanguageAnalyzer extends DelegatingAnalyzerWrapper {

  private final Map<String, Analyzer> byLanguage = new ConcurrentHashMap<>();

  public LanguageAnalyzer() {
    super(PER_FIELD_REUSE_STRATEGY);
  }

  /**
   * The keyword terms of a text as the index analyses it for that language, repeats kept (term
   * frequencies matter to BM25).
   */
  public List<String> terms(String language, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream ts = tokenStream("kw_" + language, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing text failed", e);
    }
    return terms;
  }

  @Override
  protected Analyzer getWrappedAnalyzer(String fieldName) {
    int sep = fieldName.lastIndexOf('_');
    String language = sep < 0 ? "" : fieldName.substring(sep + 1);
    return byLanguage.computeIfAbsent(language, LanguageAnalyzer::create);
  }

  private static Analyzer create(String language) {
    return switch (language) {
      case "zh" -> new SmartChineseAnalyzer(chineseStopWords());
      case "en" -> new EnglishAnalyzer();
      default -> new StandardAnalyzer();
    };
  }

  /**
   * smartcn's own stop set is punctuation only. Like the English analyzer's stop words, these
   * function words (particles, pronouns, auxiliaries, question words) say nothing about what a
   * question is about, yet occur in most questions: left in, they make BM25 match nearly every FAQ
   * row and drown the content words.
   */
  static CharArraySet chineseStopWords() {
    CharArraySet stop = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
    stop.addAll(CHINESE_FUNCTION_WORDS);
    return stop;
  }

  private static final List<String> CHINESE_FUNCTION_WORDS =
      List.of(
          "的", "地", "得", "了", "着", "过", "吗", "呢", "吧", "啊", "呀", "嘛", "么", "哦", "和", "与", "及", "或",
          "而", "是", "在", "有", "我", "你", "您", "他", "她", "它", "我们", "你们", "他们", "这", "那", "这个", "那个",
          "这些", "那些", "就", "都", "也", "还", "又", "再", "才", "把", "被", "给", "让", "对", "从", "向", "于",
          "为", "会", "能", "可以", "可", "要", "想", "一", "一个", "一下", "个", "请", "请问", "怎么", "怎样", "如何",
          "什么", "啥", "为什么", "为啥", "哪", "哪些", "哪里", "多少", "几");

  @Override
  public void close() {
    byLanguage.values().forEach(Analyzer::close);
    super.close();
  }
}
