package io.streamdesk.generation.guard;

/**
 * A piece of generated text the guard rewrites.
 *
 * @param start first character (inclusive)
 * @param end last character (exclusive)
 * @param replacement what the customer sees instead ("" for a citation marker)
 * @param kind why: citation, deny-word, email, phone, id, card
 * @param citations for a citation marker, the passage numbers it names; otherwise empty
 */
record Span(int start, int end, String replacement, String kind, int[] citations) {

  boolean straddles(int position) {
    return start < position && position < end;
  }
}
