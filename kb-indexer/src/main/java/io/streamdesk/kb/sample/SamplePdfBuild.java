package io.streamdesk.kb.sample;

import io.streamdesk.knowledge.language.ScriptLanguageDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Build step (Maven {@code process-classes}): renders Markdown files of the sample knowledge base
 * into PDFs next to where the packaged sample KB lives, so that the PDF, not its Markdown source,
 * is indexed (the build leaves the Markdown out of the packaged resources).
 *
 * <p>Usage: {@code SamplePdfBuild SOURCE_ROOT TARGET_ROOT RELATIVE.md...}; writes {@code
 * TARGET_ROOT/RELATIVE.pdf} for each. A Chinese document needs a CJK font ({@link CjkFonts}):
 * without one the build fails when {@code STREAMDESK_CI} is set or {@code
 * -Dstreamdesk.sample-pdf.strict=true}; otherwise it warns and packages the Markdown instead, so a
 * machine without the font still builds a complete sample KB.
 */
public final class SamplePdfBuild {

  private static final Logger LOG = LoggerFactory.getLogger(SamplePdfBuild.class);

  private SamplePdfBuild() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: SamplePdfBuild SOURCE_ROOT TARGET_ROOT RELATIVE.md... (got "
              + Arrays.toString(args)
              + ")");
    }
    Path source = Path.of(args[0]);
    Path target = Path.of(args[1]);
    render(source, target, Arrays.asList(args).subList(2, args.length), strict());
  }

  /** Renders each Markdown file; returns the files written (PDFs, or Markdown fallbacks). */
  public static List<Path> render(
      Path sourceRoot, Path targetRoot, List<String> markdownFiles, boolean strict)
      throws Exception {
    Optional<CjkFonts.LoadedFont> cjk = CjkFonts.locate();
    try {
      MarkdownPdfRenderer renderer =
          new MarkdownPdfRenderer(cjk.map(CjkFonts.LoadedFont::font).orElse(null));
      var written = new java.util.ArrayList<Path>();
      for (String relative : markdownFiles) {
        written.add(
            renderOne(
                renderer,
                sourceRoot.resolve(relative),
                targetRoot.resolve(relative),
                cjk.isPresent(),
                strict));
      }
      return written;
    } finally {
      if (cjk.isPresent()) {
        cjk.get().close();
      }
    }
  }

  private static Path renderOne(
      MarkdownPdfRenderer renderer,
      Path markdown,
      Path targetMarkdown,
      boolean haveCjkFont,
      boolean strict)
      throws IOException {
    String text = Files.readString(markdown, StandardCharsets.UTF_8);
    String language = new ScriptLanguageDetector().detect(text).language();
    Files.createDirectories(targetMarkdown.getParent());
    if ("zh".equals(language) && !haveCjkFont) {
      String message =
          "no CJK font to render "
              + markdown
              + " as PDF; install Debian's fonts-wqy-microhei or name a TrueType font with"
              + " -D"
              + CjkFonts.PROPERTY
              + " / $"
              + CjkFonts.ENV
              + " (searched: "
              + CjkFonts.searched()
              + ")";
      if (strict) {
        throw new IllegalStateException(message);
      }
      LOG.warn("{}; packaging the Markdown instead", message);
      Files.copy(markdown, targetMarkdown, StandardCopyOption.REPLACE_EXISTING);
      return targetMarkdown;
    }
    Path pdf = targetMarkdown.resolveSibling(baseName(targetMarkdown) + ".pdf");
    Files.write(pdf, renderer.render(text, "zh".equals(language) ? "zh-CN" : language));
    // A Markdown copy from an earlier fallback build would be indexed next to the PDF.
    Files.deleteIfExists(targetMarkdown);
    LOG.info("rendered {} -> {}", markdown, pdf);
    return pdf;
  }

  private static boolean strict() {
    String ci = System.getenv("STREAMDESK_CI");
    return Boolean.getBoolean("streamdesk.sample-pdf.strict")
        || (ci != null && !ci.isBlank() && !ci.equals("0"));
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
