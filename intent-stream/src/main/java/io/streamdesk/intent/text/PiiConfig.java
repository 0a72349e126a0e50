package io.streamdesk.intent.text;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@link PiiMasker}.
 *
 * @param phoneRegions ISO 3166 regions whose national formats are recognised for numbers written
 *     without a country code (default {@code [CN]}); numbers with a leading {@code +} are
 *     recognised for every region regardless. Adding US makes any valid 10-digit US number match,
 *     including some 10-digit order numbers, so add regions deliberately
 * @param maskServiceNumbers also mask business service lines (CN 400/800 numbers, premium rate);
 *     default false: they are a company's published numbers, not personal data, and replies often
 *     need them
 * @param legacyIdCards also mask 15-digit (pre-1999) ID numbers when an ID word precedes them;
 *     default true
 */
public record PiiConfig(
    List<String> phoneRegions, boolean maskServiceNumbers, boolean legacyIdCards) {

  public PiiConfig {
    Objects.requireNonNull(phoneRegions, "phoneRegions");
    phoneRegions = List.copyOf(phoneRegions);
    var supported = PhoneNumberUtil.getInstance().getSupportedRegions();
    for (String region : phoneRegions) {
      if (!supported.contains(region)) {
        throw new IllegalArgumentException(
            "pii phone region '" + region + "' is not an ISO 3166 region libphonenumber knows");
      }
    }
  }

  /** CN national formats, service numbers visible, legacy IDs with context. */
  public static PiiConfig defaults() {
    return new PiiConfig(List.of("CN"), false, true);
  }
}
