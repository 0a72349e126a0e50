package io.streamdesk.generation.llm.extractive;

import io.streamdesk.generation.reply.Languages;
import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.Passage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Answers from the passages alone, no model: when the best passage is an FAQ row its answer is the
 * reply as it is; otherwise the sentences of the best passages that share most terms with the
 * question (words; character bigrams for Chinese) and score at least half as well as the best one,
 * in reading order. Deterministic and fast, so it is the demo's backend, the deadline fallback and
 * the guard's replacement for ungrounded text.
 */
public final class ExtractiveAnswerer {

  /** A quoted sentence scores at least this share of the best sentence's score. */
  static final double RELATIVE_FLOOR = 0.5;

  private final ExtractiveSettings settings;

  public ExtractiveAnswerer(ExtractiveSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The answer to a generation request from its passages. */
  public ExtractiveAnswer answer(GenerateReply request) {
    String question = request.getUserText();
    String expanded = request.getSearchQuery();
    if (expanded != null && !expanded.isBlank() && !expanded.equals(question)) {
      question = question + " " + expanded;
    }
    return answer(question, request.getPassages(), request.getLanguage());
  }

  /**
   * The answer to {@code question} from {@code passages} (best first).
   *
   * @param language the reply's language: decides how sentences are joined
   */
  public ExtractiveAnswer answer(String question, List<Passage> passages, String language) {
    if (passages == null || passages.isEmpty()) {
      return none();
    }
    Passage best = passages.getFirst();
    if (best.getAnswer() != null && !best.getAnswer().isBlank()) {
      return new ExtractiveAnswer(
          ExtractiveAnswer.Kind.FAQ, List.of(best.getAnswer().strip()), List.of(best));
    }
    return sentences(question, passages, language);
  }

  private ExtractiveAnswer sentences(String question, List<Passage> passages, String language) {
    Set<String> questionTerms = TextTerms.termSet(question);
    if (questionTerms.isEmpty()) {
      return none();
    }
    List<Candidate> candidates = new ArrayList<>();
    int count = Math.min(settings.passages(), passages.size());
    for (int rank = 0; rank < count; rank++) {
      Passage passage = passages.get(rank);
      String body = passage.getAnswer() != null ? passage.getAnswer() : passage.getText();
      List<String> sentences = Sentences.split(body);
      for (int pos = 0; pos < sentences.size(); pos++) {
        String sentence = sentences.get(pos);
        double overlap = TextTerms.coverage(questionTerms, TextTerms.termSet(sentence));
        if (overlap >= settings.minOverlap() && overlap > 0) {
          // Lower-ranked passages count slightly less, so ties go to the better passage.
          double score = overlap * (1.0 - 0.05 * rank);
          candidates.add(new Candidate(rank, pos, sentence, score));
        }
      }
    }
    if (candidates.isEmpty()) {
      return none();
    }
    candidates.sort(
        Comparator.comparingDouble(Candidate::score)
            .reversed()
            .thenComparingInt(Candidate::rank)
            .thenComparingInt(Candidate::position));
    // Sentences far weaker than the best one only dilute the answer.
    double floor = candidates.getFirst().score() * RELATIVE_FLOOR;
    List<Candidate> chosen = new ArrayList<>();
    int chars = 0;
    for (Candidate candidate : candidates) {
      if (chosen.size() == settings.maxSentences() || candidate.score() < floor) {
        break;
      }
      if (!chosen.isEmpty() && chars + candidate.sentence().length() > settings.maxChars()) {
        continue;
      }
      chosen.add(candidate);
      chars += candidate.sentence().length();
    }
    chosen.sort(Comparator.comparingInt(Candidate::rank).thenComparingInt(Candidate::position));
    String separator = Languages.isChinese(language) ? "" : " ";
    List<String> pieces = new ArrayList<>();
    Set<Passage> cited = new LinkedHashSet<>();
    for (Candidate candidate : chosen) {
      pieces.add(pieces.isEmpty() ? candidate.sentence() : separator + candidate.sentence());
      cited.add(passages.get(candidate.rank()));
    }
    return new ExtractiveAnswer(ExtractiveAnswer.Kind.SENTENCES, pieces, List.copyOf(cited));
  }

  private static ExtractiveAnswer none() {
    return new ExtractiveAnswer(ExtractiveAnswer.Kind.NONE, List.of(), List.of());
  }

  private record Candidate(int rank, int position, String sentence, double score) {}
}
