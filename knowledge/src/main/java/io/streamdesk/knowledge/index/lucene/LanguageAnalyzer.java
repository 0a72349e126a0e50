package io.streamdesk.knowledge.index.lucene;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Picks the analyzer from the language suffix of a text field ({@code kw_text_zh} → smartcn word
 * segmentation, {@code _en} → English stop words + Porter stemming, any other → Unicode standard
 * tokenisation), so that one writer indexes every language with its own analysis and a query is
 * analysed exactly like the field it searches.
 */
final class LanguageAnalyzer extends DelegatingAnalyzerWrapper {

  private final Map<String, Analyzer> byLanguage = new ConcurrentHashMap<>();

  LanguageAnalyzer() {
    super(PER_FIELD_REUSE_STRATEGY);
  }

  @Override
  protected Analyzer getWrappedAnalyzer(String fieldName) {
    int sep = fieldName.lastIndexOf('_');
    String language = sep < 0 ? "" : fieldName.substring(sep + 1);
    return byLanguage.computeIfAbsent(language, LanguageAnalyzer::create);
  }

  private static Analyzer create(String language) {
    return switch (language) {
      case "zh" -> new SmartChineseAnalyzer();
      case "en" -> new EnglishAnalyzer();
      default -> new StandardAnalyzer();
    };
  }

  @Override
  public void close() {
    byLanguage.values().forEach(Analyzer::close);
    super.close();
  }
}
