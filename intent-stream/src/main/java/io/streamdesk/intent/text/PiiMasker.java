package io.streamdesk.intent.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces personal data in normalised text with typed placeholders numbered per message ({@code
 * [PHONE_1]}, {@code [EMAIL_1]}, {@code [ID_CARD_1]}, {@code [BANK_CARD_1]}, {@code [IP_1]}); the
 * same value written twice, even spelled differently ({@code 138 1234 5678} and {@code
 * +8613812345678}), gets the same placeholder. Runs before anything reaches a model or an analytics
 * topic.
 *
 * <p>Rules favour precision over guessing: phone numbers must be valid in a numbering plan
 * (libphonenumber), ID numbers must carry a valid MOD 11-2 checksum and birth date, card numbers a
 * Luhn check digit and a plausible issuer; and any number introduced as an order, tracking or
 * invoice number ({@code 订单号}, {@code order #}) stays visible because customers need it. When
 * detectors overlap, e-mail beats IP beats ID card beats bank card beats phone, then the longer
 * match wins.
 *
 * <p>Immutable and thread-safe; patterns are compiled once.
 */
public final class PiiMasker {

  /** Fewer digits than this cannot form a phone, ID or card number: skip those detectors. */
  private static final int MIN_DIGITS_FOR_NUMBERS = 7;

  private static final Comparator<PiiMatch> PRECEDENCE =
      Comparator.comparingInt((PiiMatch m) -> precedence(m.type()))
          .thenComparing(Comparator.comparingInt(PiiMatch::length).reversed())
          .thenComparingInt(PiiMatch::start);

  private final List<PiiDetector> numberDetectors;
  private final List<PiiDetector> otherDetectors;

  public PiiMasker(PiiConfig config) {
    Objects.requireNonNull(config, "config");
    this.numberDetectors =
        List.of(
            new IdCardDetector(config.legacyIdCards()),
            new BankCardDetector(),
            new PhoneDetector(config.phoneRegions(), config.maskServiceNumbers()));
    this.otherDetectors = List.of(new EmailDetector(), new IpAddressDetector());
  }

  public static PiiMasker withDefaults() {
    return new PiiMasker(PiiConfig.defaults());
  }

  /**
   * Masks {@code text}, which should already be normalised (full-width digits and {@code ＠} made
   * ASCII).
   */
  public MaskedText mask(String text) {
    Objects.requireNonNull(text, "text");
    List<PiiMatch> found = new ArrayList<>(4);
    for (PiiDetector detector : otherDetectors) {
      detector.detect(text, found);
    }
    if (countDigits(text) >= MIN_DIGITS_FOR_NUMBERS) {
      for (PiiDetector detector : numberDetectors) {
        detector.detect(text, found);
      }
    }
    if (found.isEmpty()) {
      return new MaskedText(text, EnumSet.noneOf(PiiType.class), PiiMapping.EMPTY);
    }
    return replace(text, resolveOverlaps(found));
  }

  private static List<PiiMatch> resolveOverlaps(List<PiiMatch> found) {
    found.sort(PRECEDENCE);
    List<PiiMatch> kept = new ArrayList<>(found.size());
    for (PiiMatch candidate : found) {
      boolean free = true;
      for (PiiMatch k : kept) {
        if (k.overlaps(candidate)) {
          free = false;
          break;
        }
      }
      if (free) {
        kept.add(candidate);
      }
    }
    kept.sort(Comparator.comparingInt(PiiMatch::start));
    return kept;
  }

  private static MaskedText replace(String text, List<PiiMatch> matches) {
    Map<PiiType, Integer> counters = new EnumMap<>(PiiType.class);
    Map<String, String> placeholderByValue = new HashMap<>();
    Map<String, String> originals = new LinkedHashMap<>();
    EnumSet<PiiType> types = EnumSet.noneOf(PiiType.class);
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (PiiMatch m : matches) {
      String key = m.type().name() + ':' + m.canonical();
      String placeholder = placeholderByValue.get(key);
      if (placeholder == null) {
        int n = counters.merge(m.type(), 1, Integer::sum);
        placeholder = m.type().placeholder(n);
        placeholderByValue.put(key, placeholder);
        originals.put(placeholder, text.substring(m.start(), m.end()));
      }
      types.add(m.type());
      out.append(text, at, m.start()).append(placeholder);
      at = m.end();
    }
    out.append(text, at, text.length());
    return new MaskedText(out.toString(), types, new PiiMapping(originals));
  }

  /** Lower wins: the more specific pattern first (an e-mail's local part may be a phone). */
  private static int precedence(PiiType type) {
    return switch (type) {
      case EMAIL -> 0;
      case IP -> 1;
      case ID_CARD -> 2;
      case BANK_CARD -> 3;
      case PHONE -> 4;
    };
  }

  private static int countDigits(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }
}
