package io.streamdesk.knowledge.index.lucene;

import io.streamdesk.knowledge.encoder.Vectors;
import io.streamdesk.knowledge.index.Chunk;
import io.streamdesk.knowledge.index.DocumentUpdate;
import io.streamdesk.knowledge.index.EmbeddedChunk;
import io.streamdesk.knowledge.index.IndexedDocument;
import io.streamdesk.knowledge.index.VectorIndex;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * The Lucene schema. Each document is one block: a {@code kind=document} record (hash, version,
 * chunk count) and a {@code kind=chunk} record per chunk, all with the same {@code doc_id} so that
 * one {@code updateDocuments(doc_id, block)} replaces the whole document atomically.
 *
 * <p>Text and vector fields carry the language in their name ({@code kw_en}, {@code vec_zh}): each
 * language gets its own analyzer and its own HNSW graph, whose dimension is that language's
 * model's.
 */
final class LuceneFields {

  static final String KIND = "kind";
  static final String KIND_CHUNK = "chunk";
  static final String KIND_DOCUMENT = "document";
  static final String ID = "id";
  static final String DOC_ID = "doc_id";
  static final String LANGUAGE = "lang";
  static final String CATEGORY = "category";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String SOURCE = "source";
  static final String POSITION = "position";
  static final String QUESTION = "question";
  static final String ANSWER = "answer";
  static final String KB_VERSION = "kb_version";
  static final String HASH = "content_hash";
  static final String DOCUMENT_KB_VERSION = "document_kb_version";
  static final String CHUNK_COUNT = "chunk_count";
  static final String ANALYSIS = "analysis";

  /** Commit user-data key of the current KB version. */
  static final String COMMIT_KB_VERSION = "kb_version";

  /** Vectors are L2-normalised on the way in, so the dot product is the cosine. */
  static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

  private LuceneFields() {}

  /** BM25 text: an FAQ row's question, a passage's {@link Chunk#fullText()}. */
  static String keywordField(String language) {
    return "kw_" + language;
  }

  static String vectorField(String language) {
    return "vec_" + language;
  }

  static String questionVectorField(String language) {
    return "qvec_" + language;
  }

  static List<Document> block(DocumentUpdate update, long kbVersion) {
    List<Document> block = new ArrayList<>(update.chunks().size() + 1);
    for (EmbeddedChunk c : update.chunks()) {
      block.add(chunk(c, kbVersion));
    }
    Document meta = new Document();
    meta.add(new StringField(KIND, KIND_DOCUMENT, Field.Store.NO));
    meta.add(new StringField(DOC_ID, update.documentId(), Field.Store.YES));
    meta.add(new StoredField(HASH, update.contentHash()));
    meta.add(new StoredField(DOCUMENT_KB_VERSION, kbVersion));
    meta.add(new StoredField(CHUNK_COUNT, update.chunks().size()));
    meta.add(new StoredField(ANALYSIS, LanguageAnalyzer.VERSION));
    block.add(meta);
    return block;
  }

  private static Document chunk(EmbeddedChunk embedded, long kbVersion) {
    Chunk c = embedded.chunk();
    String lang = c.language();
    Document d = new Document();
    d.add(new StringField(KIND, KIND_CHUNK, Field.Store.NO));
    d.add(new StringField(ID, c.id(), Field.Store.YES));
    d.add(new StringField(DOC_ID, c.documentId(), Field.Store.YES));
    d.add(new StringField(LANGUAGE, lang, Field.Store.YES));
    d.add(new StringField(CATEGORY, c.category(), Field.Store.YES));
    d.add(new StoredField(TITLE, c.title()));
    d.add(new StoredField(TEXT, c.text()));
    d.add(new StoredField(SOURCE, c.source()));
    d.add(new IntField(POSITION, c.position(), Field.Store.YES));
    d.add(new LongField(KB_VERSION, kbVersion, Field.Store.YES));
    // Keyword-match an FAQ row on its question only: answers are long and full of incidental
    // words that outscore the few words a customer's question shares with the FAQ question.
    d.add(
        new TextField(keywordField(lang), c.isFaq() ? c.question() : c.fullText(), Field.Store.NO));
    d.add(new KnnFloatVectorField(vectorField(lang), unit(embedded.vector()), SIMILARITY));
    if (c.isFaq()) {
      d.add(new StoredField(QUESTION, c.question()));
      d.add(new StoredField(ANSWER, c.answer()));
      d.add(
          new KnnFloatVectorField(
              questionVectorField(lang), unit(embedded.questionVector()), SIMILARITY));
    }
    return d;
  }

  private static float[] unit(float[] v) {
    return Vectors.normalize(v.clone());
  }

  static Chunk toChunk(Document d) {
    return new Chunk(
        d.get(ID),
        d.get(DOC_ID),
        d.get(TITLE),
        d.get(TEXT),
        d.get(SOURCE),
        d.getField(POSITION).numericValue().intValue(),
        d.get(CATEGORY),
        d.get(LANGUAGE),
        d.get(QUESTION),
        d.get(ANSWER));
  }

  /**
   * A document record as the SPI reports it; one written with another keyword analysis than the
   * current one (or before analysis versions were recorded) reports a stale content hash.
   */
  static IndexedDocument indexedDocument(Document d) {
    String hash = d.get(HASH);
    if (!LanguageAnalyzer.VERSION.equals(d.get(ANALYSIS))) {
      hash = VectorIndex.STALE_ANALYSIS_PREFIX + hash;
    }
    return new IndexedDocument(
        d.get(DOC_ID),
        hash,
        d.getField(DOCUMENT_KB_VERSION).numericValue().longValue(),
        d.getField(CHUNK_COUNT).numericValue().intValue());
  }

  static long kbVersion(Document d) {
    return d.getField(KB_VERSION).numericValue().longValue();
  }
}
