package io.streamdesk.retrieval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.retrieval.search.FollowUpContext;
import io.streamdesk.retrieval.search.FollowUpSettings;
import io.streamdesk.retrieval.search.KnowledgeSearch;
import io.streamdesk.retrieval.search.QueryPlanner;
import io.streamdesk.retrieval.search.Retrieval;
import io.streamdesk.retrieval.search.SearchQuery;
import io.streamdesk.schemas.events.MessageClassified;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code retrieval-calibrate}: runs labelled questions through the retrieval stream's own search
 * (same fusion, same configuration) against the configured knowledge base, and reports per language
 * how the relevance evidence separates answerable questions from unanswerable ones: the best
 * threshold (recall minus false acceptance), recall and false acceptance at the configured
 * threshold, and hit@1. With {@code --conversations} it also replays multi-turn conversations (the
 * e2e format) and reports hit@1 of follow-ups with and without expansion.
 */
@Command(
    name = "retrieval-calibrate",
    mixinStandardHelpOptions = true,
    description =
        "Calibrates the retrieval stream's relevance gate on labelled questions (default: the"
            + " bundled set for the sample KB) against the configured knowledge base, and measures"
            + " follow-up expansion on conversations.")
public final class RetrievalCalibrateCommand implements Callable<Integer> {

  @Option(names = "--index-dir", description = "Lucene index folder; default: kb.index.* config")
  Path indexDir;

  @Option(
      names = "--data",
      description = "labelled questions, JSONL {language,text,faq|null,kind}; default: bundled")
  Path data;

  @Option(
      names = "--conversations",
      description = "conversations JSONL ({id,language,turns:[{text,expect:{faq},followUp}]})")
  Path conversations;

  @Option(names = "--json", description = "print one JSON object on stdout (logs go to stderr)")
  boolean json;

  private final PrintStream out;

  public RetrievalCalibrateCommand() {
    this(System.out);
  }

  RetrievalCalibrateCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    List<LabelledQuery> queries = LabelledQuery.read(data);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    try (BenchEnvironment env = new BenchEnvironment(indexDir, Map.of())) {
      KnowledgeSearch search = new KnowledgeSearch(env.index, env.config.fusion());
      root.put("index", env.config.knowledge().describe());
      root.put("kb_version", env.index.version());
      Map<String, Samples> byLanguage = new LinkedHashMap<>();
      int n = 0;
      for (LabelledQuery q : queries) {
        MessageClassified m =
            env.message("cal", "q" + n++, q.language(), q.text(), "product_inquiry");
        float[] vector = toArray(m);
        Retrieval hybrid =
            search.search(m.getLanguage(), vector, q.text(), env.config.decision().topK());
        Retrieval keyword =
            search.search(m.getLanguage(), null, q.text(), env.config.decision().topK());
        Samples s = byLanguage.computeIfAbsent(m.getLanguage(), k -> new Samples());
        (q.answerable() ? s.posCosine : s.negCosine).add(hybrid.bestCosine());
        (q.answerable() ? s.posBm25 : s.negBm25).add(keyword.bestBm25());
        if (q.answerable()) {
          s.answerable++;
          if (!hybrid.passages().isEmpty() && q.isAnswer(hybrid.passages().get(0).chunk().id())) {
            s.hit1++;
          }
        }
      }
      ObjectNode languages = root.putObject("languages");
      byLanguage.forEach(
          (lang, s) -> {
            ObjectNode l = languages.putObject(lang);
            l.put("answerable", s.posCosine.size());
            l.put("unanswerable", s.negCosine.size());
            l.put("hit_at_1", round(s.answerable == 0 ? 0 : (double) s.hit1 / s.answerable));
            l.set(
                "cosine",
                gate(mapper, s.posCosine, s.negCosine, env.config.thresholds().minCosine(lang)));
            l.set(
                "bm25_keyword_only",
                gate(mapper, s.posBm25, s.negBm25, env.config.thresholds().minBm25(lang)));
          });
      if (conversations != null) {
        root.set("followups", followUps(env, search, mapper));
      }
    }
    if (json) {
      out.println(mapper.writeValueAsString(root));
    } else {
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
    return 0;
  }

  private static ObjectNode gate(
      ObjectMapper mapper, List<Double> pos, List<Double> neg, double configured) {
    ObjectNode n = mapper.createObjectNode();
    ThresholdCalibration.Choice best = ThresholdCalibration.choose(pos, neg);
    ThresholdCalibration.Choice now = ThresholdCalibration.at(configured, pos, neg);
    n.put("best_threshold", round(best.threshold()));
    n.put("recall_at_best", round(best.recall()));
    n.put("false_accept_at_best", round(best.falseAccept()));
    n.put("configured_threshold", configured);
    n.put("recall_at_configured", round(now.recall()));
    n.put("false_accept_at_configured", round(now.falseAccept()));
    n.put("answerable_min", round(stat(pos, 0)));
    n.put("answerable_p10", round(stat(pos, 10)));
    n.put("answerable_median", round(stat(pos, 50)));
    n.put("unanswerable_median", round(stat(neg, 50)));
    n.put("unanswerable_p90", round(stat(neg, 90)));
    n.put("unanswerable_max", round(stat(neg, 100)));
    return n;
  }

  /** Replays conversations with and without follow-up expansion; hit@1 per kind of turn. */
  private ObjectNode followUps(BenchEnvironment env, KnowledgeSearch search, ObjectMapper mapper)
      throws java.io.IOException {
    FollowUpSettings on = env.config.followUp();
    FollowUpSettings off =
        new FollowUpSettings(
            false, on.vectorWeight(), on.window(), on.maxHanChars(), on.maxWords());
    int[] withExpansion = replay(env, search, new QueryPlanner(env.config.knowledge(), on), mapper);
    int[] without = replay(env, search, new QueryPlanner(env.config.knowledge(), off), mapper);
    ObjectNode n = mapper.createObjectNode();
    n.put("followup_turns", withExpansion[1]);
    n.put("followup_hit_at_1_expanded", withExpansion[0]);
    n.put("followup_hit_at_1_plain", without[0]);
    n.put("other_turns", withExpansion[3]);
    n.put("other_hit_at_1_expanded", withExpansion[2]);
    n.put("other_hit_at_1_plain", without[2]);
    return n;
  }

  /** {followUp hits, followUp turns, other hits, other turns}. */
  private int[] replay(
      BenchEnvironment env, KnowledgeSearch search, QueryPlanner planner, ObjectMapper mapper)
      throws java.io.IOException {
    int[] counts = new int[4];
    int n = 0;
    for (String line : Files.readAllLines(conversations)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode c = mapper.readTree(line);
      String language = c.get("language").asText();
      FollowUpContext previous = null;
      long now = System.currentTimeMillis();
      for (JsonNode turn : c.get("turns")) {
        JsonNode expect = turn.path("expect");
        if (!expect.hasNonNull("faq")) {
          continue; // greetings and handoffs do not search
        }
        MessageClassified m =
            env.message(
                c.get("id").asText(),
                "t" + n++,
                language,
                turn.get("text").asText(),
                "product_inquiry");
        SearchQuery query = planner.plan(m, previous, now);
        Retrieval r =
            search.search(
                query.language(), query.vector(), query.text(), env.config.decision().topK());
        boolean hit =
            !r.passages().isEmpty()
                && r.passages().get(0).chunk().id().endsWith("#" + expect.get("faq").asText());
        int base = turn.path("followUp").asBoolean(false) ? 0 : 2;
        counts[base + 1]++;
        if (hit) {
          counts[base]++;
        }
        previous = planner.remember(m, query, now);
      }
    }
    return counts;
  }

  private static float[] toArray(MessageClassified m) {
    float[] v = new float[m.getEmbedding().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = m.getEmbedding().get(i);
    }
    return v;
  }

  /** Nearest-rank percentile; NaN scores count as the lowest. */
  static double stat(List<Double> values, double percentile) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.replaceAll(d -> d.isNaN() ? Double.NEGATIVE_INFINITY : d);
    sorted.sort(Double::compare);
    int i = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    double v = sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    return v == Double.NEGATIVE_INFINITY ? Double.NaN : v;
  }

  /** Three decimals; null (JSON null) for NaN. */
  private static Double round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
  }

  private static final class Samples {
    final List<Double> posCosine = new ArrayList<>();
    final List<Double> negCosine = new ArrayList<>();
    final List<Double> posBm25 = new ArrayList<>();
    final List<Double> negBm25 = new ArrayList<>();
    int answerable;
    int hit1;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RetrievalCalibrateCommand()).execute(args));
  }
}
