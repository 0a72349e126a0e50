package io.streamdesk.kb.eval;

import io.streamdesk.knowledge.encoder.Encoder;
import io.streamdesk.knowledge.index.Chunk;
import io.streamdesk.knowledge.index.ChunkEmbedder;
import io.streamdesk.knowledge.index.DocumentUpdate;
import io.streamdesk.knowledge.index.HybridConfig;
import io.streamdesk.knowledge.index.SearchHit;
import io.streamdesk.knowledge.index.SearchMode;
import io.streamdesk.knowledge.index.SearchRequest;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.index.lucene.LuceneIndexConfig;
import io.streamdesk.knowledge.index.lucene.LuceneVectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes an FAQ set into a fresh on-disk Lucene index exactly as the product indexes FAQ rows (one
 * document, one chunk per row, question and question + answer embedded and keyword-indexed), then
 * ranks every query three ways (vector, BM25, hybrid) and scores where the query's relevant FAQs
 * came (see {@link RankingMetrics}; a query text judged relevant to several FAQs is one query with
 * several relevant items, see {@link FaqDataset}).
 *
 * <p>Queries are embedded one at a time, as the intent stream embeds a message; the FAQ rows in
 * batches, as the indexer does. The latency figures time the hybrid {@link VectorIndex#search} call
 * alone (query vector given, as in production, where the intent stream embeds each message once),
 * after a warm-up pass.
 */
public final class RetrievalEvaluation {

  private static final Logger log = LoggerFactory.getLogger(RetrievalEvaluation.class);
  private static final int TOP_K = 10;
  private static final String DOCUMENT_ID = "faq-eval";

  /**
   * @param language the language the rows are indexed and searched in
   * @param queryPrefix prepended to each query before embedding ("" for none)
   */
  public record Settings(String language, String queryPrefix, HybridConfig hybrid) {}

  /** Metrics per mode and the hybrid search latency in milliseconds. */
  public record Report(
      String model,
      int faqs,
      int queries,
      int judgements,
      RankingMetrics.Summary vector,
      RankingMetrics.Summary bm25,
      RankingMetrics.Summary hybrid,
      double searchP50Ms,
      double searchP99Ms,
      double queryEmbedP50Ms) {}

  private RetrievalEvaluation() {}

  public static Report run(FaqDataset data, Encoder encoder, Settings settings) throws IOException {
    Path dir = Files.createTempDirectory("kb-retrieval-eval-");
    try (VectorIndex index =
        LuceneVectorIndex.open(new LuceneIndexConfig(dir, settings.hybrid()))) {
      Map<String, String> faqIdByChunk = indexFaqs(data, encoder, index, settings.language());

      long[] embedNanos = new long[data.queries().size()];
      List<float[]> vectors = new ArrayList<>(data.queries().size());
      for (int i = 0; i < data.queries().size(); i++) {
        long t0 = System.nanoTime();
        vectors.add(encoder.embed(settings.queryPrefix() + data.queries().get(i).text()));
        embedNanos[i] = System.nanoTime() - t0;
      }
      log.info("Embedded {} queries one at a time", vectors.size());

      RankingMetrics vector =
          score(data, index, vectors, faqIdByChunk, SearchMode.VECTOR, settings, null);
      RankingMetrics bm25 =
          score(data, index, vectors, faqIdByChunk, SearchMode.KEYWORD, settings, null);
      // Warm-up (JIT, OS page cache) before the timed pass.
      score(data, index, vectors, faqIdByChunk, SearchMode.HYBRID, settings, null);
      long[] searchNanos = new long[data.queries().size()];
      RankingMetrics hybrid =
          score(data, index, vectors, faqIdByChunk, SearchMode.HYBRID, settings, searchNanos);
      return new Report(
          encoder.modelId(),
          data.faqs().size(),
          data.queries().size(),
          data.judgements(),
          vector.summary(),
          bm25.summary(),
          hybrid.summary(),
          percentileMs(searchNanos, 50),
          percentileMs(searchNanos, 99),
          percentileMs(embedNanos, 50));
    } finally {
      deleteRecursively(dir);
    }
  }

  private static Map<String, String> indexFaqs(
      FaqDataset data, Encoder encoder, VectorIndex index, String language) {
    List<Chunk> chunks = new ArrayList<>(data.faqs().size());
    Map<String, String> faqIdByChunk = new HashMap<>();
    for (int i = 0; i < data.faqs().size(); i++) {
      FaqDataset.Faq faq = data.faqs().get(i);
      Chunk c =
          Chunk.faq(
              DOCUMENT_ID + "#" + i,
              DOCUMENT_ID,
              "",
              faq.question(),
              faq.answer(),
              "faqs.jsonl",
              i,
              "",
              language);
      chunks.add(c);
      faqIdByChunk.put(c.id(), faq.id());
    }
    long t0 = System.nanoTime();
    index.upsert(
        new DocumentUpdate(
            DOCUMENT_ID,
            Integer.toHexString(data.faqs().hashCode()),
            new ChunkEmbedder(encoder).embed(chunks)));
    log.info("Indexed {} FAQ rows in {} ms", chunks.size(), (System.nanoTime() - t0) / 1_000_000);
    return faqIdByChunk;
  }

  private static RankingMetrics score(
      FaqDataset data,
      VectorIndex index,
      List<float[]> vectors,
      Map<String, String> faqIdByChunk,
      SearchMode mode,
      Settings settings,
      long[] nanos) {
    RankingMetrics metrics = new RankingMetrics();
    for (int i = 0; i < data.queries().size(); i++) {
      FaqDataset.Query q = data.queries().get(i);
      SearchRequest request =
          new SearchRequest(settings.language(), vectors.get(i), q.text(), mode, TOP_K, Set.of());
      long t0 = System.nanoTime();
      List<SearchHit> hits = index.search(request).hits();
      if (nanos != null) {
        nanos[i] = System.nanoTime() - t0;
      }
      boolean[] relevantByRank = new boolean[hits.size()];
      for (int r = 0; r < hits.size(); r++) {
        relevantByRank[r] = q.relevantFaqIds().contains(faqIdByChunk.get(hits.get(r).chunk().id()));
      }
      metrics.add(relevantByRank, q.relevantFaqIds().size());
    }
    return metrics;
  }

  /** Nearest-rank percentile. */
  static double percentileMs(long[] nanos, double percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
