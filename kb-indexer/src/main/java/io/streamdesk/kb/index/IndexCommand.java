package io.streamdesk.kb.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamdesk.kb.chunk.ChunkerConfig;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.index.VectorIndex;
import io.streamdesk.knowledge.index.lucene.LuceneIndexConfig;
import io.streamdesk.knowledge.index.lucene.LuceneVectorIndex;
import io.streamdesk.knowledge.language.LanguageRouter;
import io.streamdesk.knowledge.language.RoutingConfig;
import io.streamdesk.runtime.config.Configuration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code index PATH...}: indexes files and folders into the embedded (Lucene) knowledge base,
 * incrementally: new and changed documents are embedded and written, unchanged ones skipped,
 * documents gone from a given folder deleted. Progress goes to stderr; the summary (added, updated,
 * unchanged, deleted, failed) to stdout, as one JSON object with {@code --json}. Exit code 0 when
 * every document was indexed, 1 when some failed (they are listed), 2 on bad options.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Index files and folders into the knowledge base (incremental: unchanged files are skipped,"
          + " files gone from a folder are deleted).",
      "Formats: FAQ tables (.csv, .tsv, .xlsx, .xls with question/answer columns), .md, .txt,"
          + " .html, .pdf, .docx."
    })
public final class IndexCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders (recursive).")
  List<Path> paths;

  @Option(
      names = "--index-dir",
      paramLabel = "DIR",
      description =
          "Lucene index folder; default: the configured index (kb.index.backend, kb.index.dir"
              + " = ./.streamdesk/index, or Qdrant at kb.qdrant.*).")
  Path indexDir;

  @Option(
      names = "--lang",
      paramLabel = "LANG=MODEL",
      description =
          "Route a language to an embedding model, overriding the default routing"
              + " (zh=bge-small-zh-v15-q, en=bge-small-en-v15-q); repeatable. The retrieval side"
              + " must use the same routing.")
  Map<String, String> models = new LinkedHashMap<>();

  @Option(
      names = "--fallback-lang",
      paramLabel = "LANG",
      defaultValue = "en",
      description =
          "Language for documents in a language with no model (default: ${DEFAULT-VALUE}).")
  String fallbackLanguage;

  @Option(
      names = "--doc-lang",
      paramLabel = "LANG",
      description = "Language of every document given (default: detected per document).")
  String documentLanguage;

  @Option(
      names = "--category",
      paramLabel = "NAME",
      description = "Category for chunks that have none of their own (FAQ rows keep theirs).")
  String category;

  @Option(
      names = "--chunk-size",
      paramLabel = "CHARS",
      defaultValue = "" + ChunkerConfig.DEFAULT_MAX_CHARS,
      description = "Longest chunk in characters (default: ${DEFAULT-VALUE}).")
  int chunkSize;

  @Option(
      names = "--chunk-overlap",
      paramLabel = "CHARS",
      defaultValue = "" + ChunkerConfig.DEFAULT_OVERLAP_CHARS,
      description = "Characters repeated between chunks (default: ${DEFAULT-VALUE}).")
  int chunkOverlap;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "ONNX Runtime intra-op threads (default: 0 = one per core).")
  int threads;

  @Option(names = "--json", description = "Print the summary as one JSON object on stdout.")
  boolean json;

  @Option(names = "--no-progress", description = "No progress bar on stderr.")
  boolean noProgress;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    IndexerConfig config;
    try {
      config =
          IndexerConfig.defaults()
              .withChunker(new ChunkerConfig(chunkSize, chunkOverlap))
              .withRouting(routing());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<IndexSource> sources =
        paths.stream()
            .map(p -> IndexSource.of(p).withLanguage(documentLanguage).withCategory(category))
            .toList();
    IndexListener progress = noProgress ? IndexListener.NONE : ProgressBar.onStderr();
    IndexSummary summary;
    try (VectorIndex index =
            indexDir != null
                ? LuceneVectorIndex.open(LuceneIndexConfig.at(indexDir))
                : ConfiguredIndex.open(Configuration.load());
        LanguageRouter router =
            LanguageRouter.withOnnxModels(
                config.routing(), EncoderConfig.defaults().withIntraOpThreads(threads))) {
      summary = new KnowledgeBaseIndexer(index, router, config).index(sources, progress);
    }
    var out = spec.commandLine().getOut();
    out.println(json ? toJson(summary) : toText(summary));
    out.flush();
    return summary.failed() == 0 ? 0 : 1;
  }

  private RoutingConfig routing() {
    Map<String, String> mapping = new LinkedHashMap<>(RoutingConfig.defaults().modelByLanguage());
    mapping.putAll(models);
    mapping.values().forEach(io.streamdesk.knowledge.encoder.ModelCatalogue::require);
    return new RoutingConfig(mapping, fallbackLanguage);
  }

  static String toText(IndexSummary s) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d documents in %.1f s: %d added, %d updated, %d unchanged, %d deleted, %d failed;"
                    + " %d chunks written; KB version %d",
                s.results().size(),
                s.elapsed().toMillis() / 1000.0,
                s.added(),
                s.updated(),
                s.unchanged(),
                s.deleted(),
                s.failed(),
                s.chunksWritten(),
                s.kbVersion()));
    for (DocumentResult f : s.failures()) {
      text.append(System.lineSeparator())
          .append("FAILED ")
          .append(f.source().isEmpty() ? f.documentId() : f.source())
          .append(": ")
          .append(f.error());
    }
    return text.toString();
  }

  static String toJson(IndexSummary s) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("documents", s.results().size());
    root.put("added", s.added());
    root.put("updated", s.updated());
    root.put("unchanged", s.unchanged());
    root.put("deleted", s.deleted());
    root.put("failed", s.failed());
    root.put("chunks_written", s.chunksWritten());
    root.put("kb_version", s.kbVersion());
    root.put("elapsed_ms", s.elapsed().toMillis());
    ArrayNode failures = root.putArray("failures");
    for (DocumentResult f : s.failures()) {
      failures
          .addObject()
          .put("document", f.documentId())
          .put("source", f.source())
          .put("error", f.error());
    }
    return mapper.writeValueAsString(root);
  }

  /** For trying the command without the launcher. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new IndexCommand()).execute(args));
  }
}
