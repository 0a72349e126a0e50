package io.streamdesk.intent.text;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers through Google's libphonenumber, which knows every region's numbering plan: a
 * candidate must be a <em>valid</em> number ({@link Leniency#VALID}), so dates, prices and order
 * numbers do not match. Numbers without a country code are read in the configured regions (CN by
 * default: {@code 13812345678}, {@code 138 1234 5678}, {@code 010-12345678}, {@code (010)
 * 12345678}, {@code 0086 138...}); numbers with {@code +} are recognised for every country.
 *
 * <p>Chinese mobile numbers are also caught by shape ({@code 1[3-9]} and nine more digits, in 3-4-4
 * groups or solid, optionally after {@code +86}/{@code 0086}): new ranges are allocated faster than
 * numbering-plan metadata ships, and an unallocated-looking number is still most likely someone's
 * phone.
 *
 * <p>Business service lines (CN 400 shared-cost, 800 toll-free, premium and universal access
 * numbers) are not personal data and stay visible unless {@code maskServiceNumbers} is set. A
 * number introduced as an order or tracking number stays visible too ({@link NumberContext#ORDER}).
 */
final class PhoneDetector implements PiiDetector {

  private static final Set<PhoneNumberType> SERVICE_TYPES =
      EnumSet.of(
          PhoneNumberType.TOLL_FREE,
          PhoneNumberType.SHARED_COST,
          PhoneNumberType.UAN,
          PhoneNumberType.PREMIUM_RATE);

  private static final Pattern CN_MOBILE_SHAPE =
      Pattern.compile(
          "(?<![0-9A-Za-z+])(?:(?:\\+|00)86[ -]?)?(1[3-9]\\d)([ -]?)(\\d{4})\\2(\\d{4})(?![0-9A-Za-z])");

  /** Bounds the matcher's work on digit-heavy text (it gives up after this many invalid tries). */
  private static final long MAX_TRIES = 64;

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final List<String> regions;
  private final boolean maskServiceNumbers;

  PhoneDetector(List<String> regions, boolean maskServiceNumbers) {
    this.regions = List.copyOf(regions);
    this.maskServiceNumbers = maskServiceNumbers;
  }

  @Override
  public void detect(String text, List<PiiMatch> out) {
    for (String region : regions) {
      for (PhoneNumberMatch m : util.findNumbers(text, region, Leniency.VALID, MAX_TRIES)) {
        if (!maskServiceNumbers && SERVICE_TYPES.contains(util.getNumberType(m.number()))) {
          continue;
        }
        if (NumberContext.precedes(NumberContext.ORDER, text, m.start())) {
          continue;
        }
        String e164 = util.format(m.number(), PhoneNumberFormat.E164);
        out.add(new PiiMatch(m.start(), m.end(), PiiType.PHONE, e164));
      }
    }
    Matcher shape = CN_MOBILE_SHAPE.matcher(text);
    while (shape.find()) {
      if (!NumberContext.precedes(NumberContext.ORDER, text, shape.start())) {
        String e164 = "+86" + shape.group(1) + shape.group(3) + shape.group(4);
        out.add(new PiiMatch(shape.start(), shape.end(), PiiType.PHONE, e164));
      }
    }
  }
}
