package io.streamdesk.generation.llm.onnx;

/**
 * Counters of a decode engine since it started.
 *
 * @param decodeSteps forward passes that produced one token per row
 * @param prefills forward passes over prompts (a prompt batch split into chunks counts per chunk)
 * @param cacheRebuilds times rows joined or left and the KV cache was re-assembled
 * @param maxRows the most rows one decode step carried
 * @param generatedTokens tokens sampled, stop tokens included
 */
public record EngineStats(
    long decodeSteps, long prefills, long cacheRebuilds, int maxRows, long generatedTokens) {}
