package io.streamdesk.retrieval;

import io.streamdesk.knowledge.index.Chunk;
import io.streamdesk.knowledge.index.DocumentUpdate;
import io.streamdesk.knowledge.index.EmbeddedChunk;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.index.lucene.LuceneIndexConfig;
import io.streamdesk.knowledge.index.lucene.LuceneVectorIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Lucene index with a few hand-made FAQ rows whose vectors are axes of an 8-dimensional
 * space, for tests about routing rather than relevance: a message carrying axis {@code i} has
 * cosine 1 with row {@code i} and 0 with the others, so the relevance gate's outcome is chosen by
 * the test. English rows are indexed for the English model, Chinese ones for the Chinese model (the
 * routing decides which model a language's index was built with).
 */
final class SyntheticKnowledgeBase {

  static final int DIMENSIONS = 8;
  static final String EN_MODEL = "bge-small-en-v15-q";
  static final String ZH_MODEL = "bge-small-zh-v15-q";

  /** Axis 0: returns; 1: delivery; 2: Gold; 3: Silver; 4: warranty. 7 is unused (off-topic). */
  static final int RETURNS = 0;

  static final int DELIVERY = 1;
  static final int GOLD = 2;
  static final int SILVER = 3;
  static final int WARRANTY = 4;
  static final int OFF_TOPIC = 7;

  static final String FAQ_DOC = "kb/en/faq.csv";

  private SyntheticKnowledgeBase() {}

  static VectorIndex open(Path dir) {
    VectorIndex index = LuceneVectorIndex.open(LuceneIndexConfig.at(dir));
    index.upsert(
        new DocumentUpdate(
            FAQ_DOC,
            "v1",
            List.of(
                faq(RETURNS, "What is your return policy?", "Returns are accepted within 7 days."),
                faq(DELIVERY, "How long does delivery take?", "Delivery takes 2-4 days."),
                faq(GOLD, "What do Gold members get?", "Gold members get free shipping."),
                faq(SILVER, "What do Silver members get?", "Silver members get a coupon."),
                faq(WARRANTY, "How long is the warranty?", "Luma devices have 1 year."))));
    index.upsert(
        new DocumentUpdate(
            "kb/zh/faq.csv",
            "v1",
            List.of(
                zhFaq(RETURNS, "可以无理由退货吗？", "支持7天无理由退货。"),
                zhFaq(GOLD, "金卡会员有什么权益？", "金卡会员全场包邮。"),
                zhFaq(SILVER, "银卡会员有什么权益？", "银卡会员有生日券。"))));
    return index;
  }

  /** The id of the English FAQ row on an axis. */
  static String faqId(int axis) {
    return FAQ_DOC + "#en-faq-" + axis;
  }

  /** A unit vector on an axis, as a MessageClassified embedding. */
  static List<Float> axis(int i) {
    List<Float> v = new ArrayList<>(DIMENSIONS);
    for (int d = 0; d < DIMENSIONS; d++) {
      v.add(d == i ? 1f : 0f);
    }
    return v;
  }

  private static float[] vector(int i) {
    float[] v = new float[DIMENSIONS];
    v[i] = 1f;
    return v;
  }

  private static EmbeddedChunk faq(int axis, String question, String answer) {
    Chunk chunk =
        Chunk.faq(faqId(axis), FAQ_DOC, "FAQ", question, answer, FAQ_DOC, axis, "faq", "en");
    return new EmbeddedChunk(chunk, vector(axis), vector(axis));
  }

  private static EmbeddedChunk zhFaq(int axis, String question, String answer) {
    Chunk chunk =
        Chunk.faq(
            "kb/zh/faq.csv#zh-faq-" + axis,
            "kb/zh/faq.csv",
            "FAQ",
            question,
            answer,
            "kb/zh/faq.csv",
            axis,
            "faq",
            "zh");
    return new EmbeddedChunk(chunk, vector(axis), vector(axis));
  }
}
