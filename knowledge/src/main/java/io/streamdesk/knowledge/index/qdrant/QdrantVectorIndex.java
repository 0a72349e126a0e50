package io.streamdesk.knowledge.index.qdrant;

import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorFactory.vector;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.BatchResult;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.streamdesk.knowledge.encoder.Vectors;
import io.streamdesk.knowledge.index.Chunk;
import io.streamdesk.knowledge.index.DocumentUpdate;
import io.streamdesk.knowledge.index.EmbeddedChunk;
import io.streamdesk.knowledge.index.HybridConfig;
import io.streamdesk.knowledge.index.IndexException;
import io.streamdesk.knowledge.index.IndexedDocument;
import io.streamdesk.knowledge.index.RankFusion;
import io.streamdesk.knowledge.index.SearchHit;
import io.streamdesk.knowledge.index.SearchMode;
import io.streamdesk.knowledge.index.SearchRequest;
import io.streamdesk.knowledge.index.SearchResult;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.index.lucene.LanguageAnalyzer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distributed knowledge index on Qdrant (gRPC). One collection per language ({@code
 * <prefix>_<language>}) with cosine named vectors {@code text} (every chunk) and {@code question}
 * (FAQ rows), a sparse {@code keywords} vector with the IDF modifier carrying BM25 ({@link
 * SparseBm25}), and keyword/integer payload indexes on document id, category and KB version. A
 * {@code <prefix>_documents} collection keeps each document's hash and the KB version.
 *
 * <p>Ranking is computed client-side from Qdrant's per-vector rankings exactly as in the Lucene
 * index ({@link HybridConfig}), so both backends rank alike.
 *
 * <p>Qdrant has no multi-point transactions: an upsert writes the new chunks (tagged with the new
 * KB version) before it deletes the document's older ones, so a concurrent search may briefly see
 * both versions of a document, never neither. The KB version is read-modify-written: run one
 * indexer per collection prefix.
 */
public final class QdrantVectorIndex implements VectorIndex {

  private static final Logger log = LoggerFactory.getLogger(QdrantVectorIndex.class);

  static final String TEXT_VECTOR = "text";
  static final String QUESTION_VECTOR = "question";
  static final String KEYWORDS_VECTOR = "keywords";

  private static final String DOCUMENT_ID = "document_id";
  private static final String CHUNK_ID = "chunk_id";
  private static final String CATEGORY = "category";
  private static final String KB_VERSION = "kb_version";
  private static final String CONTENT_HASH = "content_hash";
  private static final String CHUNK_COUNT = "chunk_count";
  private static final String RECORD = "record";
  private static final String ANALYSIS = "analysis";
  private static final PointId VERSION_POINT = uuid("kb-version");

  private final QdrantClient client;
  private final QdrantIndexConfig config;
  private final LanguageAnalyzer analyzer = new LanguageAnalyzer();
  private final SparseBm25 bm25;
  private final String documentsCollection;
  private final Map<String, Integer> dimensionByLanguage = new ConcurrentHashMap<>();
  private final Set<String> existingCollections = ConcurrentHashMap.newKeySet();

  /** Uses an existing client (closed with this index). */
  public QdrantVectorIndex(QdrantClient client, QdrantIndexConfig config) {
    this.client = client;
    this.config = config;
    this.bm25 = new SparseBm25(analyzer, config.averageKeywordTokens());
    this.documentsCollection = config.collectionPrefix() + "_documents";
    ensureDocumentsCollection();
  }

  /** Connects to Qdrant over gRPC. */
  public static QdrantVectorIndex connect(QdrantIndexConfig config) {
    QdrantGrpcClient.Builder grpc =
        QdrantGrpcClient.newBuilder(config.host(), config.grpcPort(), config.useTls())
            .withTimeout(config.timeout());
    if (config.apiKey() != null) {
      grpc.withApiKey(config.apiKey());
    }
    QdrantVectorIndex index = new QdrantVectorIndex(new QdrantClient(grpc.build()), config);
    log.info("Qdrant index connected: {}, KB version {}", config, index.version());
    return index;
  }

  private String collection(String language) {
    return config.collectionPrefix() + "_" + language;
  }

  private static PointId uuid(String key) {
    return id(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)));
  }

  private <T> T await(Future<T> future, String what) {
    try {
      return future.get(config.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexException("interrupted while " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IndexException("Qdrant failed while " + what + ": " + e.getMessage(), e);
    }
  }

  private void ensureDocumentsCollection() {
    if (await(client.collectionExistsAsync(documentsCollection), "checking collections")) {
      return;
    }
    // Qdrant points carry a vector; document records get a constant one-dimensional one.
    await(
        client.createCollectionAsync(
            documentsCollection,
            VectorParams.newBuilder().setSize(1).setDistance(Distance.Dot).build()),
        "creating " + documentsCollection);
    createKeywordIndex(documentsCollection, RECORD);
  }

  private void ensureChunkCollection(String language, int dimension) {
    Integer known = dimensionByLanguage.get(language);
    if (known != null) {
      if (known != dimension) {
        throw new IllegalArgumentException(
            "language '"
                + language
                + "' is indexed with "
                + known
                + "-dimensional vectors, got "
                + dimension
                + " (was the language routed to another model?)");
      }
      return;
    }
    String name = collection(language);
    if (!await(client.collectionExistsAsync(name), "checking " + name)) {
      VectorParams dense =
          VectorParams.newBuilder().setSize(dimension).setDistance(Distance.Cosine).build();
      await(
          client.createCollectionAsync(
              CreateCollection.newBuilder()
                  .setCollectionName(name)
                  .setVectorsConfig(
                      VectorsConfig.newBuilder()
                          .setParamsMap(
                              VectorParamsMap.newBuilder()
                                  .putMap(TEXT_VECTOR, dense)
                                  .putMap(QUESTION_VECTOR, dense)))
                  .setSparseVectorsConfig(
                      SparseVectorConfig.newBuilder()
                          .putMap(
                              KEYWORDS_VECTOR,
                              SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
                  .build()),
          "creating " + name);
      createKeywordIndex(name, DOCUMENT_ID);
      createKeywordIndex(name, CATEGORY);
      await(
          client.createPayloadIndexAsync(
              name, KB_VERSION, PayloadSchemaType.Integer, null, true, null, null),
          "indexing " + KB_VERSION);
      log.info("Created Qdrant collection {} ({} dimensions, cosine)", name, dimension);
    }
    dimensionByLanguage.put(language, dimension);
  }

  private void createKeywordIndex(String collection, String field) {
    await(
        client.createPayloadIndexAsync(
            collection, field, PayloadSchemaType.Keyword, null, true, null, null),
        "indexing " + field + " of " + collection);
  }

  private List<String> chunkCollections() {
    String prefix = config.collectionPrefix() + "_";
    return await(client.listCollectionsAsync(), "listing collections").stream()
        .filter(c -> c.startsWith(prefix) && !c.equals(documentsCollection))
        .toList();
  }

  @Override
  public synchronized long upsert(DocumentUpdate update) {
    long next = version() + 1;
    Map<String, List<PointStruct>> byLanguage = new LinkedHashMap<>();
    for (EmbeddedChunk c : update.chunks()) {
      ensureChunkCollection(c.chunk().language(), c.vector().length);
      byLanguage.computeIfAbsent(c.chunk().language(), l -> new ArrayList<>()).add(point(c, next));
    }
    byLanguage.forEach(
        (language, points) ->
            await(
                client.upsertAsync(
                    UpsertPoints.newBuilder()
                        .setCollectionName(collection(language))
                        .addAllPoints(points)
                        .setWait(true)
                        .build()),
                "upserting " + update.documentId()));
    // New chunks are in; now drop the document's older ones (in any language).
    deleteChunks(
        update.documentId(),
        Filter.newBuilder()
            .addMust(matchKeyword(DOCUMENT_ID, update.documentId()))
            .addMustNot(match(KB_VERSION, next))
            .build());
    Map<String, Value> record = new HashMap<>();
    record.put(RECORD, value("document"));
    record.put(DOCUMENT_ID, value(update.documentId()));
    record.put(CONTENT_HASH, value(update.contentHash()));
    record.put(KB_VERSION, value(next));
    record.put(CHUNK_COUNT, value(update.chunks().size()));
    record.put(ANALYSIS, value(LanguageAnalyzer.VERSION));
    putRecord(uuid("document:" + update.documentId()), record);
    writeVersion(next);
    return next;
  }

  private PointStruct point(EmbeddedChunk embedded, long kbVersion) {
    Chunk c = embedded.chunk();
    Map<String, Vector> vectors = new HashMap<>();
    vectors.put(TEXT_VECTOR, vector(unit(embedded.vector())));
    if (c.isFaq()) {
      vectors.put(QUESTION_VECTOR, vector(unit(embedded.questionVector())));
    }
    SparseBm25.SparseVector keywords =
        bm25.document(c.language(), c.isFaq() ? c.question() : c.fullText());
    if (!keywords.isEmpty()) {
      vectors.put(KEYWORDS_VECTOR, vector(keywords.values(), keywords.indices()));
    }
    Map<String, Value> payload = new HashMap<>();
    payload.put(CHUNK_ID, value(c.id()));
    payload.put(DOCUMENT_ID, value(c.documentId()));
    payload.put("title", value(c.title()));
    payload.put("text", value(c.text()));
    payload.put("source", value(c.source()));
    payload.put("position", value(c.position()));
    payload.put(CATEGORY, value(c.category()));
    payload.put("language", value(c.language()));
    if (c.isFaq()) {
      payload.put("question", value(c.question()));
      payload.put("answer", value(c.answer()));
    }
    payload.put(KB_VERSION, value(kbVersion));
    return PointStruct.newBuilder()
        .setId(uuid("chunk:" + c.id()))
        .setVectors(namedVectors(vectors))
        .putAllPayload(payload)
        .build();
  }

  private static List<Float> unit(float[] v) {
    float[] u = Vectors.normalize(v.clone());
    List<Float> out = new ArrayList<>(u.length);
    for (float x : u) {
      out.add(x);
    }
    return out;
  }

  private void deleteChunks(String documentId, Filter filter) {
    for (String name : chunkCollections()) {
      await(
          client.deleteAsync(
              DeletePoints.newBuilder()
                  .setCollectionName(name)
                  .setPoints(PointsSelector.newBuilder().setFilter(filter))
                  .setWait(true)
                  .build()),
          "deleting old chunks of " + documentId);
    }
  }

  private void putRecord(PointId id, Map<String, Value> payload) {
    await(
        client.upsertAsync(
            UpsertPoints.newBuilder()
                .setCollectionName(documentsCollection)
                .addPoints(
                    PointStruct.newBuilder()
                        .setId(id)
                        .setVectors(io.qdrant.client.VectorsFactory.vectors(1f))
                        .putAllPayload(payload))
                .setWait(true)
                .build()),
        "writing a document record");
  }

  private void writeVersion(long version) {
    putRecord(VERSION_POINT, Map.of(RECORD, value("kb-version"), KB_VERSION, value(version)));
  }

  @Override
  public synchronized long delete(String documentId) {
    if (document(documentId).isEmpty()) {
      return version();
    }
    long next = version() + 1;
    deleteChunks(
        documentId, Filter.newBuilder().addMust(matchKeyword(DOCUMENT_ID, documentId)).build());
    await(
        client.deleteAsync(documentsCollection, List.of(uuid("document:" + documentId))),
        "deleting the record of " + documentId);
    writeVersion(next);
    return next;
  }

  @Override
  public long version() {
    List<RetrievedPoint> points =
        await(
            client.retrieveAsync(documentsCollection, VERSION_POINT, null),
            "reading the KB version");
    return points.isEmpty() ? 0 : points.get(0).getPayloadMap().get(KB_VERSION).getIntegerValue();
  }

  @Override
  public Map<String, IndexedDocument> documents() {
    Map<String, IndexedDocument> docs = new LinkedHashMap<>();
    PointId offset = null;
    do {
      ScrollPoints.Builder scroll =
          ScrollPoints.newBuilder()
              .setCollectionName(documentsCollection)
              .setFilter(Filter.newBuilder().addMust(matchKeyword(RECORD, "document")))
              .setLimit(256)
              .setWithPayload(enable(true));
      if (offset != null) {
        scroll.setOffset(offset);
      }
      ScrollResponse page = await(client.scrollAsync(scroll.build()), "listing documents");
      for (RetrievedPoint p : page.getResultList()) {
        IndexedDocument d = indexedDocument(p.getPayloadMap());
        docs.put(d.documentId(), d);
      }
      offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
    } while (offset != null);
    return docs;
  }

  @Override
  public Optional<IndexedDocument> document(String documentId) {
    List<RetrievedPoint> points =
        await(
            client.retrieveAsync(documentsCollection, uuid("document:" + documentId), null),
            "reading the record of " + documentId);
    return points.isEmpty()
        ? Optional.empty()
        : Optional.of(indexedDocument(points.get(0).getPayloadMap()));
  }

  /**
   * A document record as the SPI reports it: written with another keyword analysis than the current
   * one (its sparse vectors hold other terms), it reports a stale content hash.
   */
  private static IndexedDocument indexedDocument(Map<String, Value> m) {
    String hash = m.get(CONTENT_HASH).getStringValue();
    Value analysis = m.get(ANALYSIS);
    if (analysis == null || !LanguageAnalyzer.VERSION.equals(analysis.getStringValue())) {
      hash = VectorIndex.STALE_ANALYSIS_PREFIX + hash;
    }
    return new IndexedDocument(
        m.get(DOCUMENT_ID).getStringValue(),
        hash,
        m.get(KB_VERSION).getIntegerValue(),
        (int) m.get(CHUNK_COUNT).getIntegerValue());
  }

  @Override
  public SearchResult search(SearchRequest request) {
    Future<List<RetrievedPoint>> versionRead =
        client.retrieveAsync(documentsCollection, VERSION_POINT, null);
    String name = collection(request.language());
    if (!existingCollections.contains(name)) {
      if (!await(client.collectionExistsAsync(name), "checking " + name)) {
        return new SearchResult(List.of(), versionOf(versionRead)); // nothing indexed yet
      }
      existingCollections.add(name);
    }
    HybridConfig h = request.fusionOr(config.hybrid());
    int depth = Math.max(request.topK(), h.candidates());
    Filter filter = filter(request.categories());
    List<QueryPoints> queries = new ArrayList<>();
    boolean dense = request.mode() != SearchMode.KEYWORD;
    boolean keyword = request.mode() != SearchMode.VECTOR;
    if (dense) {
      List<Float> v = unit(request.vector());
      queries.add(query(name, nearest(v), TEXT_VECTOR, filter, depth));
      queries.add(query(name, nearest(v), QUESTION_VECTOR, filter, depth));
    }
    SparseBm25.SparseVector terms = keyword ? bm25.query(request.language(), request.text()) : null;
    if (keyword && !terms.isEmpty()) {
      queries.add(
          query(name, nearest(terms.values(), terms.indices()), KEYWORDS_VECTOR, filter, depth));
    }
    if (queries.isEmpty()) {
      return new SearchResult(List.of(), versionOf(versionRead)); // a query of stop words only
    }
    List<BatchResult> results = await(client.queryBatchAsync(name, queries), "searching " + name);
    List<ScoredPoint> text = dense ? results.get(0).getResultList() : List.of();
    List<ScoredPoint> questions = dense ? results.get(1).getResultList() : List.of();
    List<ScoredPoint> bm25Hits =
        keyword && !terms.isEmpty() ? results.get(dense ? 2 : 0).getResultList() : List.of();

    Map<String, ScoredPoint> byId = new HashMap<>();
    Map<String, Double> bestCosine = new HashMap<>();
    for (List<ScoredPoint> list : List.of(text, questions)) {
      for (ScoredPoint p : list) {
        byId.putIfAbsent(key(p), p);
        bestCosine.merge(key(p), (double) p.getScore(), Math::max);
      }
    }
    Map<String, Double> bm25Scores = new HashMap<>();
    for (ScoredPoint p : bm25Hits) {
      byId.putIfAbsent(key(p), p);
      bm25Scores.putIfAbsent(key(p), (double) p.getScore());
    }
    List<Map.Entry<String, Double>> ranked =
        switch (request.mode()) {
          case VECTOR -> sortedByScore(bestCosine);
          case KEYWORD ->
              bm25Hits.stream().map(p -> Map.entry(key(p), (double) p.getScore())).toList();
          case HYBRID -> fuse(bestCosine, bm25Hits, h);
        };
    List<SearchHit> hits = new ArrayList<>();
    for (Map.Entry<String, Double> e : ranked.subList(0, Math.min(request.topK(), ranked.size()))) {
      Map<String, Value> payload = byId.get(e.getKey()).getPayloadMap();
      hits.add(
          new SearchHit(
              toChunk(payload),
              e.getValue(),
              payload.get(KB_VERSION).getIntegerValue(),
              bestCosine.getOrDefault(e.getKey(), Double.NaN),
              bm25Scores.getOrDefault(e.getKey(), Double.NaN)));
    }
    return new SearchResult(hits, versionOf(versionRead));
  }

  private long versionOf(Future<List<RetrievedPoint>> read) {
    List<RetrievedPoint> points = await(read, "reading the KB version");
    return points.isEmpty() ? 0 : points.get(0).getPayloadMap().get(KB_VERSION).getIntegerValue();
  }

  private static QueryPoints query(
      String collection,
      io.qdrant.client.grpc.Points.Query query,
      String using,
      Filter filter,
      int limit) {
    QueryPoints.Builder q =
        QueryPoints.newBuilder()
            .setCollectionName(collection)
            .setQuery(query)
            .setUsing(using)
            .setLimit(limit)
            .setWithPayload(enable(true));
    if (filter.getMustCount() > 0) {
      q.setFilter(filter);
    }
    return q.build();
  }

  private static Filter filter(Set<String> categories) {
    Filter.Builder f = Filter.newBuilder();
    if (!categories.isEmpty()) {
      f.addMust(matchKeywords(CATEGORY, List.copyOf(categories)));
    }
    return f.build();
  }

  private static String key(ScoredPoint p) {
    return p.getId().getUuid();
  }

  private static List<Map.Entry<String, Double>> sortedByScore(Map<String, Double> scores) {
    return scores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .toList();
  }

  /** The rule every backend shares: {@link RankFusion#hybrid} of the vector and BM25 rankings. */
  private static List<Map.Entry<String, Double>> fuse(
      Map<String, Double> bestCosine, List<ScoredPoint> keyword, HybridConfig h) {
    List<RankFusion.Scored<String>> vector =
        sortedByScore(bestCosine).stream()
            .map(e -> new RankFusion.Scored<>(e.getKey(), e.getValue()))
            .toList();
    return RankFusion.hybrid(vector, keyword.stream().map(QdrantVectorIndex::key).toList(), h)
        .stream()
        .map(f -> Map.entry(f.item(), f.score()))
        .toList();
  }

  private static Chunk toChunk(Map<String, Value> p) {
    return new Chunk(
        p.get(CHUNK_ID).getStringValue(),
        p.get(DOCUMENT_ID).getStringValue(),
        p.get("title").getStringValue(),
        p.get("text").getStringValue(),
        p.get("source").getStringValue(),
        (int) p.get("position").getIntegerValue(),
        p.get(CATEGORY).getStringValue(),
        p.get("language").getStringValue(),
        p.containsKey("question") ? p.get("question").getStringValue() : null,
        p.containsKey("answer") ? p.get("answer").getStringValue() : null);
  }

  @Override
  public void close() {
    client.close();
    analyzer.close();
  }
}
