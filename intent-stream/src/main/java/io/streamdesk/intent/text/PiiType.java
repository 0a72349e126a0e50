package io.streamdesk.intent.text;

/**
 * Kinds of personal data the {@link PiiMasker} replaces. The names are the ones carried in
 * MessageClassified.piiTypes and used in placeholders such as {@code [PHONE_1]}.
 */
public enum PiiType {
  /** Mobile and landline numbers (Chinese formats and international E.164 with a leading +). */
  PHONE,
  /** E-mail addresses. */
  EMAIL,
  /** Chinese resident identity card numbers (18 digits with a valid checksum). */
  ID_CARD,
  /** Payment card numbers (13 to 19 digits, Luhn-valid). */
  BANK_CARD,
  /** IPv4 and IPv6 addresses. */
  IP;

  /** The placeholder for the {@code n}-th distinct value of this type in a message, from 1. */
  public String placeholder(int n) {
    return "[" + name() + "_" + n + "]";
  }
}
