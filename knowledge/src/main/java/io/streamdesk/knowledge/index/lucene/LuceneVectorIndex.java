package io.streamdesk.knowledge.index.lucene;

import static io.streamdesk.knowledge.index.lucene.LuceneFields.*;

import io.streamdesk.knowledge.encoder.Vectors;
import io.streamdesk.knowledge.index.DocumentUpdate;
import io.streamdesk.knowledge.index.EmbeddedChunk;
import io.streamdesk.knowledge.index.HybridConfig;
import io.streamdesk.knowledge.index.IndexException;
import io.streamdesk.knowledge.index.IndexedDocument;
import io.streamdesk.knowledge.index.RankFusion;
import io.streamdesk.knowledge.index.SearchHit;
import io.streamdesk.knowledge.index.SearchRequest;
import io.streamdesk.knowledge.index.SearchResult;
import io.streamdesk.knowledge.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded knowledge index: Lucene on disk, HNSW vectors plus BM25F text per language, fused as
 * {@link HybridConfig} describes.
 *
 * <p>Writes are serialised; each one is a single atomic {@code updateDocuments} of the document's
 * block followed by a commit that records the new KB version in the commit's user data (so it
 * survives restarts). Searches use near-real-time searchers from a {@link SearcherManager}, which
 * is refreshed after every commit, so a search started after a write returned sees it, and a search
 * in flight keeps its consistent snapshot. Every result reports the version of the snapshot it
 * read.
 */
public final class LuceneVectorIndex implements VectorIndex {

  private static final Logger log = LoggerFactory.getLogger(LuceneVectorIndex.class);
  private static final int MAX_QUERY_TERMS = 256;

  private final LuceneIndexConfig config;
  private final Directory directory;
  private final LanguageAnalyzer analyzer;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<String, Integer> vectorDimensions = new ConcurrentHashMap<>();
  private volatile long version;

  /** A searcher that knows the KB version of the commit it reads. */
  private static final class VersionedSearcher extends IndexSearcher {
    final long kbVersion;

    VersionedSearcher(IndexReader reader, long kbVersion) {
      super(reader);
      this.kbVersion = kbVersion;
    }
  }

  private LuceneVectorIndex(LuceneIndexConfig config) throws IOException {
    this.config = config;
    Files.createDirectories(config.directory());
    this.directory = FSDirectory.open(config.directory());
    this.analyzer = new LanguageAnalyzer();
    IndexWriterConfig iwc = new IndexWriterConfig(analyzer);
    iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    try {
      this.writer = new IndexWriter(directory, iwc);
    } catch (LockObtainFailedException e) {
      directory.close();
      throw new IndexException(
          "index at " + config.directory() + " is already open in another writer", e);
    }
    this.version = committedVersion(writer);
    this.searchers =
        new SearcherManager(
            writer,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                // Refreshes happen only inside the write lock, right after a commit: `version`
                // is the version of exactly what this reader sees.
                return new VersionedSearcher(reader, version);
              }
            });
    learnDimensions();
  }

  /**
   * Opens (or creates) the index in the configured directory.
   *
   * @throws IndexException if the directory cannot be used or another writer holds it
   */
  public static LuceneVectorIndex open(LuceneIndexConfig config) {
    try {
      LuceneVectorIndex index = new LuceneVectorIndex(config);
      log.info(
          "Lucene index opened at {}: KB version {}, {} documents",
          config.directory(),
          index.version,
          index.documents().size());
      return index;
    } catch (IOException e) {
      throw new IndexException("cannot open Lucene index at " + config.directory(), e);
    }
  }

  private static long committedVersion(IndexWriter writer) {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (COMMIT_KB_VERSION.equals(e.getKey())) {
          return Long.parseLong(e.getValue());
        }
      }
    }
    return 0;
  }

  private void learnDimensions() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      for (FieldInfo fi : FieldInfos.getMergedFieldInfos(s.getIndexReader())) {
        if (fi.getVectorDimension() > 0) {
          vectorDimensions.put(fi.name, fi.getVectorDimension());
        }
      }
    } finally {
      searchers.release(s);
    }
  }

  @Override
  public synchronized long upsert(DocumentUpdate update) {
    checkDimensions(update);
    long next = version + 1;
    try {
      writer.updateDocuments(new Term(DOC_ID, update.documentId()), block(update, next));
      commit(next);
    } catch (IOException e) {
      throw new IndexException("cannot index document " + update.documentId(), e);
    }
    for (EmbeddedChunk c : update.chunks()) {
      vectorDimensions.putIfAbsent(vectorField(c.chunk().language()), c.vector().length);
      if (c.questionVector() != null) {
        vectorDimensions.putIfAbsent(
            questionVectorField(c.chunk().language()), c.questionVector().length);
      }
    }
    return next;
  }

  /** Rejects vectors whose dimension differs from what their language was indexed with. */
  private void checkDimensions(DocumentUpdate update) {
    Map<String, Integer> seen = new HashMap<>(vectorDimensions);
    for (EmbeddedChunk c : update.chunks()) {
      String lang = c.chunk().language();
      Integer expected = seen.putIfAbsent(vectorField(lang), c.vector().length);
      if (expected != null && expected != c.vector().length) {
        throw new IllegalArgumentException(
            "chunk "
                + c.chunk().id()
                + ": language '"
                + lang
                + "' is indexed with "
                + expected
                + "-dimensional vectors, got "
                + c.vector().length
                + " (was the language routed to another model?)");
      }
    }
  }

  @Override
  public synchronized long delete(String documentId) {
    if (document(documentId).isEmpty()) {
      return version;
    }
    long next = version + 1;
    try {
      writer.deleteDocuments(new Term(DOC_ID, documentId));
      commit(next);
    } catch (IOException e) {
      throw new IndexException("cannot delete document " + documentId, e);
    }
    return next;
  }

  private void commit(long next) throws IOException {
    writer.setLiveCommitData(Map.of(COMMIT_KB_VERSION, Long.toString(next)).entrySet());
    writer.commit();
    version = next;
    searchers.maybeRefreshBlocking();
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public Map<String, IndexedDocument> documents() {
    return withSearcher(
        s -> {
          Query q = new TermQuery(new Term(KIND, KIND_DOCUMENT));
          int count = s.count(q);
          Map<String, IndexedDocument> docs = new LinkedHashMap<>();
          for (ScoreDoc sd : s.search(q, Math.max(1, count)).scoreDocs) {
            IndexedDocument d = indexedDocument(s.storedFields().document(sd.doc));
            docs.put(d.documentId(), d);
          }
          return docs;
        });
  }

  @Override
  public Optional<IndexedDocument> document(String documentId) {
    return withSearcher(
        s -> {
          Query q =
              new BooleanQuery.Builder()
                  .add(new TermQuery(new Term(KIND, KIND_DOCUMENT)), BooleanClause.Occur.FILTER)
                  .add(new TermQuery(new Term(DOC_ID, documentId)), BooleanClause.Occur.FILTER)
                  .build();
          ScoreDoc[] hits = s.search(q, 1).scoreDocs;
          return hits.length == 0
              ? Optional.empty()
              : Optional.of(indexedDocument(s.storedFields().document(hits[0].doc)));
        });
  }

  @Override
  public SearchResult search(SearchRequest request) {
    HybridConfig hybrid = request.fusionOr(config.hybrid());
    int depth = Math.max(request.topK(), hybrid.candidates());
    VersionedSearcher s = acquire();
    try {
      Query filter = filter(request);
      List<ScoredDoc> ranked =
          switch (request.mode()) {
            case VECTOR -> vectorRanking(s, request, depth, filter);
            case KEYWORD -> keywordRanking(s, request, depth, filter);
            case HYBRID -> hybridRanking(s, request, depth, filter, hybrid);
          };
      List<SearchHit> hits = new ArrayList<>(Math.min(request.topK(), ranked.size()));
      for (ScoredDoc sd : ranked.subList(0, Math.min(request.topK(), ranked.size()))) {
        Document d = s.storedFields().document(sd.doc());
        hits.add(new SearchHit(toChunk(d), sd.score(), kbVersion(d), sd.cosine(), sd.bm25()));
      }
      return new SearchResult(hits, s.kbVersion);
    } catch (IOException e) {
      throw new IndexException("search failed in " + config.directory(), e);
    } finally {
      release(s);
    }
  }

  /** A ranked document with the component scores it got (NaN: not in that ranking). */
  private record ScoredDoc(int doc, double score, double cosine, double bm25) {

    static ScoredDoc byCosine(int doc, double cosine) {
      return new ScoredDoc(doc, cosine, cosine, Double.NaN);
    }

    static ScoredDoc byBm25(int doc, double bm25) {
      return new ScoredDoc(doc, bm25, Double.NaN, bm25);
    }
  }

  private static Query filter(SearchRequest request) {
    BooleanQuery.Builder b =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(KIND, KIND_CHUNK)), BooleanClause.Occur.FILTER)
            .add(new TermQuery(new Term(LANGUAGE, request.language())), BooleanClause.Occur.FILTER);
    if (!request.categories().isEmpty()) {
      List<BytesRef> terms = request.categories().stream().map(BytesRef::new).toList();
      b.add(new TermInSetQuery(CATEGORY, terms), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  /**
   * The vector-only ranking: a chunk scores the best cosine of its vectors, so that an FAQ row is
   * found by a paraphrase of its question as well as by a query about its answer.
   */
  private List<ScoredDoc> vectorRanking(
      IndexSearcher s, SearchRequest request, int depth, Query filter) throws IOException {
    float[] query = Vectors.normalize(request.vector().clone());
    Map<Integer, Double> best = new HashMap<>();
    for (String field :
        List.of(vectorField(request.language()), questionVectorField(request.language()))) {
      for (ScoredDoc d : knn(s, field, query, depth, filter)) {
        best.merge(d.doc(), d.score(), Math::max);
      }
    }
    return sorted(best, depth);
  }

  /** Cosine ranking on one vector field (empty if nothing has that field yet). */
  private List<ScoredDoc> knn(IndexSearcher s, String field, float[] query, int depth, Query filter)
      throws IOException {
    Integer dim = vectorDimensions.get(field);
    if (dim == null) {
      return List.of();
    }
    if (dim != query.length) {
      throw new IllegalArgumentException(
          "query vector has " + query.length + " dimensions, " + field + " is indexed with " + dim);
    }
    List<ScoredDoc> out = new ArrayList<>();
    for (ScoreDoc sd :
        s.search(new KnnFloatVectorQuery(field, query, depth, filter), depth).scoreDocs) {
      // Lucene scores DOT_PRODUCT as (1 + cos) / 2.
      out.add(ScoredDoc.byCosine(sd.doc, 2.0 * sd.score - 1.0));
    }
    return out;
  }

  /** BM25 over each chunk's keyword text: an FAQ row's question, a passage's title and text. */
  private List<ScoredDoc> keywordRanking(
      IndexSearcher s, SearchRequest request, int depth, Query filter) throws IOException {
    String field = keywordField(request.language());
    Set<String> terms = analyze(field, request.text());
    if (terms.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String term : terms) {
      b.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.SHOULD);
    }
    // With a FILTER clause present, SHOULD clauses turn optional: require one term to match.
    b.setMinimumNumberShouldMatch(1);
    b.add(filter, BooleanClause.Occur.FILTER);
    List<ScoredDoc> out = new ArrayList<>();
    for (ScoreDoc sd : s.search(b.build(), depth).scoreDocs) {
      out.add(ScoredDoc.byBm25(sd.doc, sd.score));
    }
    return out;
  }

  /** The vector-only and the keyword ranking, fused by the rule every backend shares. */
  private List<ScoredDoc> hybridRanking(
      IndexSearcher s, SearchRequest request, int depth, Query filter, HybridConfig hybrid)
      throws IOException {
    Map<Integer, Double> cosine = new HashMap<>();
    List<RankFusion.Scored<Integer>> vector = new ArrayList<>();
    for (ScoredDoc d : vectorRanking(s, request, depth, filter)) {
      cosine.put(d.doc(), d.score());
      vector.add(new RankFusion.Scored<>(d.doc(), d.score()));
    }
    Map<Integer, Double> bm25 = new HashMap<>();
    List<Integer> keyword = new ArrayList<>();
    for (ScoredDoc d : keywordRanking(s, request, depth, filter)) {
      bm25.put(d.doc(), d.score());
      keyword.add(d.doc());
    }
    return RankFusion.hybrid(vector, keyword, hybrid).stream()
        .map(
            f ->
                new ScoredDoc(
                    f.item(),
                    f.score(),
                    cosine.getOrDefault(f.item(), Double.NaN),
                    bm25.getOrDefault(f.item(), Double.NaN)))
        .toList();
  }

  private Set<String> analyze(String field, String text) throws IOException {
    Set<String> terms = new LinkedHashSet<>();
    Analyzer a = analyzer;
    try (TokenStream ts = a.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
        terms.add(term.toString());
      }
      ts.end();
    }
    return terms;
  }

  private static List<ScoredDoc> sorted(Map<Integer, Double> scores, int depth) {
    return scores.entrySet().stream()
        .map(e -> ScoredDoc.byCosine(e.getKey(), e.getValue()))
        .sorted(
            Comparator.comparingDouble(ScoredDoc::score)
                .reversed()
                .thenComparingInt(ScoredDoc::doc))
        .limit(depth)
        .toList();
  }

  @FunctionalInterface
  private interface SearcherCall<T> {
    T apply(IndexSearcher s) throws IOException;
  }

  private <T> T withSearcher(SearcherCall<T> call) {
    VersionedSearcher s = acquire();
    try {
      return call.apply(s);
    } catch (IOException e) {
      throw new IndexException("cannot read Lucene index at " + config.directory(), e);
    } finally {
      release(s);
    }
  }

  private VersionedSearcher acquire() {
    try {
      return (VersionedSearcher) searchers.acquire();
    } catch (IOException e) {
      throw new IndexException("cannot open a searcher on " + config.directory(), e);
    }
  }

  private void release(IndexSearcher s) {
    try {
      searchers.release(s);
    } catch (IOException e) {
      log.warn("releasing a searcher failed", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      searchers.close();
      writer.close();
      analyzer.close();
      directory.close();
    } catch (IOException e) {
      throw new IndexException("cannot close Lucene index at " + config.directory(), e);
    }
  }
}
