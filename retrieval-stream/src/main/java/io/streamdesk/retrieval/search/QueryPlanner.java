package io.streamdesk.retrieval.search;

import io.streamdesk.knowledge.settings.KnowledgeSettings;
import io.streamdesk.schemas.events.MessageClassified;
import java.util.List;
import java.util.Objects;

/**
 * Turns a classified message into the query to search: the index language (the message's, or the
 * routing's fallback), the vector carried from the intent stream when it was made by the model that
 * built that language's index (otherwise none: the search goes keyword-only and the caller counts
 * it), and, for a follow-up within the context window, the expansion with the previous search.
 *
 * <p>Expansion (measured on the e2e follow-ups, module README): the keyword side searches the
 * message followed by the previous customer text; the vector side adds the previous query vector
 * with {@link FollowUpSettings#vectorWeight()} and normalises. There is no embedding of the
 * expanded text, and none is made: the message was embedded once, upstream.
 */
public final class QueryPlanner {

  private static final int MAX_CONTEXT_CHARS = 300;

  private final KnowledgeSettings knowledge;
  private final FollowUpSettings settings;
  private final FollowUpDetector detector;

  public QueryPlanner(KnowledgeSettings knowledge, FollowUpSettings settings) {
    this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.detector = new FollowUpDetector(settings);
  }

  /** The index language of a message. */
  public String languageOf(MessageClassified message) {
    return knowledge.resolveLanguage(message.getLanguage());
  }

  /** Whether the message's embedding was made by the model of its language's index. */
  public boolean vectorUsable(MessageClassified message) {
    String language = languageOf(message);
    return !message.getEmbedding().isEmpty()
        && knowledge.modelFor(language).equals(message.getEmbeddingModel());
  }

  /** Whether the message is a follow-up that the previous search can expand. */
  public boolean isFollowUp(MessageClassified message, FollowUpContext previous, long now) {
    return settings.enabled()
        && previous != null
        && previous.language().equals(languageOf(message))
        && now - previous.at() <= settings.window().toMillis()
        && detector.isFollowUp(languageOf(message), message.getMaskedText());
  }

  /**
   * @param previous the conversation's last search, or null
   * @param now wall-clock time (epoch ms)
   */
  public SearchQuery plan(MessageClassified message, FollowUpContext previous, long now) {
    String language = languageOf(message);
    String text = message.getMaskedText();
    float[] vector = vectorUsable(message) ? toArray(message.getEmbedding()) : null;
    String model = vector == null ? "" : message.getEmbeddingModel();
    if (!isFollowUp(message, previous, now)) {
      return new SearchQuery(language, text, vector, model, false);
    }
    String expandedText = text + " " + cut(previous.text());
    float[] expandedVector = vector;
    if (vector != null
        && previous.vector() != null
        && previous.model().equals(model)
        && previous.vector().length == vector.length) {
      expandedVector = blend(vector, previous.vector(), settings.vectorWeight());
    }
    return new SearchQuery(language, expandedText, expandedVector, model, true);
  }

  /** The context to remember after searching {@code query} for {@code message}. */
  public FollowUpContext remember(MessageClassified message, SearchQuery query, long now) {
    return new FollowUpContext(
        query.language(), query.model(), message.getMaskedText(), query.vector(), now);
  }

  static float[] blend(float[] current, float[] previous, double weight) {
    float[] out = new float[current.length];
    double norm = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (current[i] + weight * previous[i]);
      norm += out[i] * out[i];
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      return current.clone();
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= (float) norm;
    }
    return out;
  }

  private static float[] toArray(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static String cut(String text) {
    return text.length() <= MAX_CONTEXT_CHARS ? text : text.substring(0, MAX_CONTEXT_CHARS);
  }
}
