package io.streamdesk.intent.classifier;

/**
 * One in-scope intent and its calibrated probability.
 *
 * @param intent the intent label
 * @param probability calibrated probability in [0, 1]
 */
public record IntentCandidate(String intent, double probability) {}
