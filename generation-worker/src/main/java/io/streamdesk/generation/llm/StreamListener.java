package io.streamdesk.generation.llm;

/**
 * Receives the text of one generation as it is decoded. Deltas hold complete characters only and
 * concatenate to the final {@link GenerationResult#text()}. Called on the backend's thread: keep it
 * quick (hand heavy work to another thread). An exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface StreamListener {

  /** Streaming turned off. */
  StreamListener NONE = delta -> {};

  void onDelta(String delta);
}
