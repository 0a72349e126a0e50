package io.streamdesk.intent.bench;

/**
 * What one topology run produced and how fast.
 *
 * @param perSecond input messages per second, first input to last output
 * @param classified MessageClassified records out
 * @param handoffs HandoffRequested records out
 * @param deadLetters ProcessingFailed records out
 */
record RunResult(double perSecond, int classified, int handoffs, int deadLetters) {}
