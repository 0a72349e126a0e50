package io.streamdesk.kb.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a TrueType font with Chinese glyphs that PDFBox can embed: the file named by the system
 * property {@value #PROPERTY} or the environment variable {@value #ENV}, else the first of the
 * usual system locations that loads (Debian's {@code fonts-wqy-microhei}, which {@code .ci/run}
 * installs, comes first). Fonts with CFF outlines (Noto CJK OTF/OTC) cannot be embedded as CID
 * TrueType and are passed over.
 */
public final class CjkFonts {

  public static final String PROPERTY = "streamdesk.cjk-font";
  public static final String ENV = "STREAMDESK_CJK_FONT";

  private static final Logger LOG = LoggerFactory.getLogger(CjkFonts.class);

  static final List<String> SYSTEM_LOCATIONS =
      List.of(
          "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
          "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
          "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
          "/usr/share/fonts/truetype/arphic/uming.ttc",
          "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
          "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
          "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
          "/Library/Fonts/Arial Unicode.ttf",
          "C:/Windows/Fonts/simhei.ttf",
          "C:/Windows/Fonts/msyh.ttc",
          "C:/Windows/Fonts/simsun.ttc");

  private CjkFonts() {}

  /** A loaded font and what holds it open (a collection); close it after the PDF is saved. */
  public record LoadedFont(TrueTypeFont font, Path file, AutoCloseable owner)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      owner.close();
    }
  }

  /** The configured font, or the first system font that has Chinese glyphs. */
  public static Optional<LoadedFont> locate() {
    List<String> candidates = new ArrayList<>();
    String configured = System.getProperty(PROPERTY, System.getenv(ENV));
    if (configured != null && !configured.isBlank()) {
      candidates.add(configured.strip());
    }
    candidates.addAll(SYSTEM_LOCATIONS);
    for (String candidate : candidates) {
      Path file = Path.of(candidate);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        Optional<LoadedFont> font = load(file);
        if (font.isPresent()) {
          LOG.info("CJK font for PDF rendering: {}", file);
          return font;
        }
        LOG.warn("{} has no Chinese glyphs or no TrueType outlines; trying the next font", file);
      } catch (IOException | RuntimeException e) {
        LOG.warn("{} cannot be loaded ({}); trying the next font", file, e.toString());
      }
    }
    return Optional.empty();
  }

  /** Where the search looks, for error messages. */
  public static String searched() {
    return "-D" + PROPERTY + ", $" + ENV + ", " + String.join(", ", SYSTEM_LOCATIONS);
  }

  private static Optional<LoadedFont> load(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".ttc") || name.endsWith(".otc")) {
      TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
      List<TrueTypeFont> usable = new ArrayList<>();
      collection.processAllFonts(
          font -> {
            if (usable.isEmpty() && hasChinese(font)) {
              usable.add(font);
            }
          });
      if (usable.isEmpty()) {
        collection.close();
        return Optional.empty();
      }
      return Optional.of(new LoadedFont(usable.getFirst(), file, collection));
    }
    TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
    if (!hasChinese(font)) {
      font.close();
      return Optional.empty();
    }
    return Optional.of(new LoadedFont(font, file, font));
  }

  /** Has glyph outlines (glyf table, not CFF) for common Chinese characters. */
  private static boolean hasChinese(TrueTypeFont font) throws IOException {
    if (font.getGlyph() == null) {
      return false;
    }
    var cmap = font.getUnicodeCmapLookup(false);
    return cmap != null && cmap.getGlyphId('中') > 0 && cmap.getGlyphId('修') > 0;
  }
}
