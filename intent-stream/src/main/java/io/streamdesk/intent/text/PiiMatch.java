package io.streamdesk.intent.text;

/**
 * A span of text a detector recognised as personal data.
 *
 * @param start first char, inclusive
 * @param end last char, exclusive
 * @param type kind of data
 * @param canonical normalised value (digits only, E.164, lower-case address) so that two spellings
 *     of the same value share one placeholder
 */
record PiiMatch(int start, int end, PiiType type, String canonical) {

  int length() {
    return end - start;
  }

  boolean overlaps(PiiMatch other) {
    return start < other.end && other.start < end;
  }
}
