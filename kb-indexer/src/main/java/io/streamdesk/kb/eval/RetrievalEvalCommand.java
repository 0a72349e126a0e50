package io.streamdesk.kb.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.encoder.ModelCatalogue;
import io.streamdesk.knowledge.encoder.ModelSpec;
import io.streamdesk.knowledge.encoder.OnnxEncoder;
import io.streamdesk.knowledge.index.HybridConfig;
import io.streamdesk.knowledge.language.LanguageDetector;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.knowledge.language.ScriptLanguageDetector;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code retrieval-eval}: how well the knowledge index finds the right FAQ for real user queries,
 * by vector, BM25 and hybrid ranking (see {@link RetrievalEvaluation}).
 */
@Command(
    name = "retrieval-eval",
    mixinStandardHelpOptions = true,
    description =
        "Indexes an FAQ set into a fresh temporary index the way the product indexes FAQ rows, runs"
            + " every query and reports hit@1/5/10, mrr@10 and ndcg@10 for vector-only, BM25-only"
            + " and hybrid search, plus the latency of the hybrid search call (query vector given)."
            + " Query lines with the same text are one query with several relevant FAQs.")
public final class RetrievalEvalCommand implements Callable<Integer> {

  @Option(
      names = "--faqs",
      required = true,
      description = "faqs.jsonl ({\"id\",\"question\",\"answer\"} per line), or its folder")
  Path faqs;

  @Option(
      names = "--queries",
      description = "queries.jsonl ({\"query\",\"faq_id\"} per line); default: beside the FAQs")
  Path queries;

  @Option(names = "--model", description = "catalogued model name; default: the language's model")
  String model;

  @Option(
      names = "--lang",
      description = "language of the set (zh, en); default: detected from the FAQ questions")
  String lang;

  @Option(names = "--json", description = "print one JSON object on stdout (logs go to stderr)")
  boolean json;

  @Option(
      names = "--query-instruction",
      description = "prepend the model's retrieval instruction to queries (BGE); default off")
  boolean queryInstruction;

  // Unset fusion options mean the product's own ranking (HybridConfig.defaults()), so the eval
  // measures what the indexes serve.
  @Option(names = "--rrf-k", description = "RRF constant (default: the product's, 5)")
  Integer rrfK;

  @Option(
      names = "--vector-weight",
      description = "RRF weight of the vector ranking (default: the product's, 1)")
  Double vectorWeight;

  @Option(
      names = "--keyword-weight",
      description = "RRF weight of the BM25 ranking (default: the product's, 0.5)")
  Double keywordWeight;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "ONNX Runtime intra-op threads, 0 = all processors (default ${DEFAULT-VALUE})")
  int threads;

  private final PrintStream out;

  public RetrievalEvalCommand() {
    this(System.out);
  }

  RetrievalEvalCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    Path faqsFile = Files.isDirectory(faqs) ? faqs.resolve("faqs.jsonl") : faqs;
    Path queriesFile = queries != null ? queries : faqsFile.resolveSibling("queries.jsonl");
    FaqDataset data;
    try {
      data = FaqDataset.read(faqsFile, queriesFile);
    } catch (FaqDataset.InvalidDatasetException | java.io.IOException e) {
      System.err.println("retrieval-eval: cannot read the data set: " + e.getMessage());
      return 2;
    }
    String language = lang != null ? lang : detectLanguage(data);
    String modelName = model != null ? model : RoutingConfig.defaults().modelFor(language);
    ModelSpec spec = ModelCatalogue.require(modelName);
    HybridConfig hybrid = fusion(HybridConfig.defaults());
    RetrievalEvaluation.Settings settings =
        new RetrievalEvaluation.Settings(
            language, queryInstruction ? spec.queryInstruction() : "", hybrid);
    RetrievalEvaluation.Report report;
    try (OnnxEncoder encoder =
        OnnxEncoder.open(spec, EncoderConfig.defaults().withIntraOpThreads(threads))) {
      report = RetrievalEvaluation.run(data, encoder, settings);
    }
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(toJson(report)));
    } else {
      printTable(report, language);
    }
    return 0;
  }

  /** The language most FAQ questions are written in. */
  static String detectLanguage(FaqDataset data) {
    LanguageDetector detector = new ScriptLanguageDetector();
    return data.faqs().stream()
        .map(f -> detector.detect(f.question()).language())
        .filter(l -> !LanguageDetector.UNDETERMINED.equals(l))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
        .entrySet()
        .stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse("en");
  }

  static ObjectNode toJson(RetrievalEvaluation.Report r) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("model", r.model());
    root.put("faqs", r.faqs());
    root.put("queries", r.queries());
    root.set("vector", metrics(mapper, r.vector()));
    root.set("bm25", metrics(mapper, r.bm25()));
    root.set("hybrid", metrics(mapper, r.hybrid()));
    ObjectNode latency = mapper.createObjectNode();
    latency.put("p50", round(r.searchP50Ms(), 3));
    latency.put("p99", round(r.searchP99Ms(), 3));
    root.set("search_latency_ms", latency);
    return root;
  }

  private static ObjectNode metrics(ObjectMapper mapper, RankingMetrics.Summary s) {
    ObjectNode n = mapper.createObjectNode();
    n.put("hit@1", round(s.hit1(), 4));
    n.put("hit@5", round(s.hit5(), 4));
    n.put("hit@10", round(s.hit10(), 4));
    n.put("mrr@10", round(s.mrr10(), 4));
    n.put("ndcg@10", round(s.ndcg10(), 4));
    return n;
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }

  private void printTable(RetrievalEvaluation.Report r, String language) {
    out.printf(
        "model %s (%s): %d FAQ rows, %d distinct queries (%d judgements)%n",
        r.model(), language, r.faqs(), r.queries(), r.judgements());
    out.printf(
        "%-8s %7s %7s %7s %7s %7s%n", "mode", "hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10");
    row("vector", r.vector());
    row("bm25", r.bm25());
    row("hybrid", r.hybrid());
    out.printf(
        "hybrid search call (query vector given): p50 %.3f ms, p99 %.3f ms;"
            + " query embedding (one text): p50 %.2f ms%n",
        r.searchP50Ms(), r.searchP99Ms(), r.queryEmbedP50Ms());
  }

  private void row(String mode, RankingMetrics.Summary s) {
    out.printf(
        "%-8s %7.4f %7.4f %7.4f %7.4f %7.4f%n",
        mode, s.hit1(), s.hit5(), s.hit10(), s.mrr10(), s.ndcg10());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RetrievalEvalCommand()).execute(args));
  }

  /** The product's fusion with the options given on the command line applied. */
  private HybridConfig fusion(HybridConfig defaults) {
    HybridConfig config = rrfK == null ? defaults : defaults.withRrfK(rrfK);
    return config.withWeights(
        vectorWeight == null ? config.vectorWeight() : vectorWeight,
        keywordWeight == null ? config.keywordWeight() : keywordWeight);
  }
}
